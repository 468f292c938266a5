import { z } from 'zod';
import { defineJob } from './define';

/**
 * Every queue and every job Switchboard runs. Producers and workers import from here; the worker process refuses to
 * boot unless each job below has exactly one handler (see `bindHandlers`); `bindJob` types a handler by its job.
 */
export const QUEUES = [
  'maintenance',
  'webhooks',
  'templates',
  'campaigns',
  'limits',
  'devices',
  'flows',
  'push',
] as const;
export type QueueName = (typeof QUEUES)[number];

export const jobs = {
  /** Forgets processes that stopped heartbeating, so the node list shows what is running now. */
  pruneServiceNodes: defineJob({
    queue: 'maintenance',
    name: 'maintenance.prune-service-nodes',
    payload: z.object({ olderThanSeconds: z.number().int().positive() }),
  }),
  /** Round trip through the queue: used by /ready-style probes and tests to prove workers are consuming. */
  echo: defineJob({
    queue: 'maintenance',
    name: 'maintenance.echo',
    payload: z.object({ text: z.string().max(1000) }),
  }),
  /**
   * Empties message content past BUSINESS_CONTENT_RETENTION_DAYS (BusinessMessage.payload, WebhookEvent.value), rows
   * kept. Every 10 minutes, one per interval across workers; idempotent, and the next tick is the retry.
   */
  purgeContent: defineJob({
    queue: 'maintenance',
    name: 'maintenance.purge-content',
    payload: z.object({}),
    options: { attempts: 1, removeOnFail: { count: 100 } },
  }),
  /**
   * Drains one webhook subscription's due deliveries (one change per POST, or batched). Woken by emits, retries and
   * the sweeper.
   */
  webhooksDeliver: defineJob({
    queue: 'webhooks',
    name: 'webhooks.deliver',
    payload: z.object({ subscriptionId: z.string().min(1).max(64) }),
  }),
  /** Re-finds due webhook deliveries in Postgres (what a Redis flush lost) and prunes the delivery log. */
  webhooksSweep: defineJob({
    queue: 'webhooks',
    name: 'webhooks.sweep',
    payload: z.object({}),
  }),
  /** The automatic review of one template revision (packages/business/src/templates/review). */
  reviewTemplate: defineJob({
    queue: 'templates',
    name: 'templates.review',
    payload: z.object({ templateId: z.string().regex(/^[0-9]{1,20}$/), revision: z.number().int().positive() }),
  }),
  /** Re-queues reviews of templates left PENDING (their job lost with Redis, or failed): Postgres is the truth. */
  sweepTemplateReviews: defineJob({
    queue: 'templates',
    name: 'templates.sweep',
    payload: z.object({}),
  }),
  /**
   * One slice (≤ 10 s) of a campaign's dispatch; it enqueues the next slice itself. `slice` numbers the chain so
   * each slice has its own job id (docs/campaigns.md, "Dispatch").
   */
  campaignsDispatch: defineJob({
    queue: 'campaigns',
    name: 'campaigns.dispatch',
    payload: z.object({
      campaignId: z.string().regex(/^[0-9]{1,20}$/),
      slice: z.number().int().nonnegative(),
      /** Names the chain (who started it), so a restarted chain's slice ids never meet an earlier chain's. */
      chain: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,40}$/)
        .optional(),
      /** Where the previous slice stopped claiming (the highest seq it claimed). */
      cursor: z.number().int().nonnegative().optional(),
    }),
  }),
  /**
   * Starts due scheduled campaigns, pauses and resumes on template state, and restarts the dispatch of running
   * campaigns that have no live dispatcher (a killed worker, a Redis flush): the ledger in Postgres is the truth.
   */
  campaignsSweep: defineJob({
    queue: 'campaigns',
    name: 'campaigns.sweep',
    payload: z.object({}),
    // The next tick is the retry; a failing sweep (Postgres down) must not pile up retries or kept failures.
    options: { attempts: 1, removeOnFail: { count: 100 } },
  }),
  /**
   * Raises messaging-limit tiers that earned it (workers/src/limits/tier-review/tier-review.service.ts). Every
   * LIMITS_TIER_REVIEW_INTERVAL_SECONDS and at worker boot, one per interval across workers; idempotent.
   */
  limitsReviewTiers: defineJob({
    queue: 'limits',
    name: 'limits.review-tiers',
    payload: z.object({}),
    // The next tick is the retry.
    options: { attempts: 1, removeOnFail: { count: 100 } },
  }),
  /**
   * Gives a just-added business number its server-side device (account, keys), so consumers can write to it at once.
   * Added by BusinessesService.addNumber; the business device's sweep provisions any number whose job was lost.
   */
  devicesProvision: defineJob({
    queue: 'devices',
    name: 'devices.provision',
    payload: z.object({ phoneNumberId: z.string().regex(/^[0-9]{1,20}$/) }),
  }),
  /** Runs a chatbot flow run from where it stands (a run started by the API, a due per-question timeout). */
  flowsAdvance: defineJob({
    queue: 'flows',
    name: 'flows.advance',
    payload: z.object({ runId: z.string().regex(/^[0-9]{1,20}$/), timeoutToken: z.string().max(64).optional() }),
  }),
  /**
   * Re-finds flow work in Postgres (what a Redis flush or a killed worker lost): unhandled inbound messages, runs
   * waiting to start, timeouts that are due, and delayed timeout jobs for those still ahead.
   */
  flowsSweep: defineJob({
    queue: 'flows',
    name: 'flows.sweep',
    payload: z.object({}),
    options: { attempts: 1, removeOnFail: { count: 100 } },
  }),
  /**
   * A content-free wake-up push to a device that is not connected and has messages waiting (packages/core/src/push
   * adds it, at most one per device per PUSH_COALESCE_SECONDS). Only a wake-up: the messages are in Postgres whatever
   * becomes of it, so it is retried briefly and then dropped.
   */
  pushWake: defineJob({
    queue: 'push',
    name: 'push.wake',
    payload: z.object({ accountId: z.uuid(), deviceId: z.number().int().positive() }),
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 500, jitter: 0.5 },
      removeOnComplete: true,
      removeOnFail: { count: 1000 },
    },
  }),
} as const;

export type Jobs = typeof jobs;
export type JobKey = keyof Jobs;
export type JobPayload<K extends JobKey> = z.infer<Jobs[K]['payload']>;
