import type { Config } from '@switchboard/config';
import type { JobKey, JobPayload } from './catalogue';

/** The process kinds that run background work: API/gateway nodes and worker processes. */
export type Owner = 'api' | 'worker';
export type Cadence = number | ((config: Config) => number);

interface Work {
  owners: readonly Owner[];
  /** Off in this configuration (BUSINESS_DEVICE=off, CAMPAIGNS_SWEEP=off): the owner does not run it. */
  enabled?: (config: Config) => boolean;
}

/** A catalogue job added when something happens; worker processes consume it. */
export interface OnDemandWork extends Work {
  kind: 'on-demand';
  job: JobKey;
  addedBy: string;
}

/**
 * A catalogue job added every `everyMs` (and at boot) by each process of its owners, with the interval's number in its
 * job id, so all of them together add one per interval. A timer in the process rather than a BullMQ repeatable job:
 * these jobs are the safety nets for when Redis lost its state — repeatable jobs included.
 */
export interface PeriodicWork extends Work {
  kind: 'periodic';
  job: JobKey;
  everyMs: Cadence;
  payload: Record<string, unknown>;
}

/**
 * A pass run in the process itself every `everyMs`, never overlapping itself: in each process of its owners, or on
 * one node of the cluster per interval (a Redis lock) for housekeeping any node may do but only one should.
 */
export interface LoopWork extends Work {
  kind: 'loop';
  everyMs: Cadence;
  across: 'each-process' | 'one-node';
  /** Whether the first pass runs at boot (awaited before the process serves) or one interval later. */
  atStart: boolean;
}

export type BackgroundWork = OnDemandWork | PeriodicWork | LoopWork;

const onDemand = (job: JobKey, addedBy: string): OnDemandWork => ({
  kind: 'on-demand',
  job,
  owners: ['worker'],
  addedBy,
});

// Generic in the cadence so that a fixed one stays a number for the code that computes with it.
function periodic<K extends JobKey, C extends Cadence>(
  job: K,
  everyMs: C,
  payload: JobPayload<K>,
  enabled?: (config: Config) => boolean,
): PeriodicWork & { everyMs: C } {
  return { kind: 'periodic', job, everyMs, payload, owners: ['worker'], ...(enabled && { enabled }) };
}

const loop = <C extends Cadence>(work: Omit<LoopWork, 'kind'> & { everyMs: C }): LoopWork & { everyMs: C } => ({
  kind: 'loop',
  ...work,
});

const MINUTE = 60_000;
const businessDevice = (config: Config) => config.business.deviceEnabled;

/**
 * Every piece of background work Switchboard runs, in one place: the catalogue's jobs (what adds them), the periodic
 * jobs and the long-running loops, each with its owner processes and cadence. Each process's one scheduler
 * (BackgroundScheduler, packages/platform) starts what is declared for it, and refuses to boot if a loop declared for
 * it has no implementation or an implementation is not declared; no service starts a timer of its own.
 */
export const background = {
  webhooksDeliver: onDemand('webhooksDeliver', 'webhook emits, delivery retries and the webhook sweep'),
  reviewTemplate: onDemand('reviewTemplate', 'template creates and edits (TEMPLATE_REVIEW=auto)'),
  campaignsDispatch: onDemand('campaignsDispatch', 'campaign starts and resumes, each slice for the next, the sweep'),
  devicesProvision: onDemand('devicesProvision', 'adding a business number'),
  echo: onDemand('echo', 'readiness probes and tests'),
  flowsAdvance: onDemand('flowsAdvance', 'flow runs started by the API, per-question timeouts, the flows sweep'),
  pushWake: onDemand('pushWake', 'messages stored for a device that is connected nowhere (packages/core/src/push)'),

  /** Forgets processes not seen for two minutes (12 missed heartbeats). */
  pruneServiceNodes: periodic('pruneServiceNodes', (c) => c.workers.nodePruneIntervalSeconds * 1000, {
    olderThanSeconds: 120,
  }),
  purgeContent: periodic('purgeContent', 10 * MINUTE, {}),
  flowsSweep: periodic('flowsSweep', 5_000, {}, businessDevice),
  webhooksSweep: periodic('webhooksSweep', (c) => c.webhooks.sweepIntervalSeconds * 1000, {}),
  sweepTemplateReviews: periodic('sweepTemplateReviews', MINUTE, {}),
  limitsReviewTiers: periodic('limitsReviewTiers', (c) => c.limits.tierReviewIntervalSeconds * 1000, {}),
  // Test files share one database, and a campaign sweep acts on every campaign in it (CAMPAIGNS_SWEEP=off).
  campaignsSweep: periodic('campaignsSweep', 2_000, {}, (c) => c.business.campaignSweepEnabled),

  /** ServiceNode heartbeat: which API and worker processes are alive. */
  nodeHeartbeat: loop({ owners: ['api', 'worker'], everyMs: 10_000, across: 'each-process', atStart: true }),
  /** Routing liveness: a gateway node that stops beating has its peers re-read their connections' backlogs. */
  nodeLiveness: loop({ owners: ['api'], everyMs: 2_000, across: 'each-process', atStart: true }),
  /** The business devices' send pipeline: claims SendOutbox rows (also woken by LISTEN, which is lossy). */
  sendOutbox: loop({
    owners: ['worker'],
    everyMs: 1_000,
    across: 'each-process',
    atStart: true,
    enabled: businessDevice,
  }),
  /** The business devices' receiving end: drains their mailboxes (and provisions numbers whose job was lost). */
  businessMailbox: loop({
    owners: ['worker'],
    everyMs: 200,
    across: 'each-process',
    atStart: false,
    enabled: businessDevice,
  }),
  mailboxPurge: loop({
    owners: ['api', 'worker'],
    everyMs: (c) => c.messaging.purgeIntervalSeconds * 1000,
    across: 'one-node',
    atStart: false,
  }),
  /** Disappearing messages leave the server when due, delivered or not (core messaging/purge, `expire`). */
  mailboxExpiry: loop({ owners: ['api'], everyMs: 5_000, across: 'one-node', atStart: false }),
  /** Group message info (packages/core/src/groups/group-receipts.ts) of messages past ENVELOPE_TTL_SECONDS. */
  groupMessageInfoPurge: loop({ owners: ['api'], everyMs: 15 * MINUTE, across: 'one-node', atStart: false }),
  /** Who viewed a status post (packages/core/src/status) goes with the post, 24 h after it was sent. */
  statusPurge: loop({ owners: ['api'], everyMs: 15 * MINUTE, across: 'one-node', atStart: false }),
  attachmentPurge: loop({ owners: ['api', 'worker'], everyMs: 15 * MINUTE, across: 'one-node', atStart: false }),
  mediaPurge: loop({ owners: ['api', 'worker'], everyMs: 15 * MINUTE, across: 'one-node', atStart: false }),
  idempotencyPurge: loop({ owners: ['api', 'worker'], everyMs: 15 * MINUTE, across: 'one-node', atStart: false }),
  /** The shared inbox: timed snoozes wake (and their conversations are routed) within seconds of their time. */
  inboxSnoozeWake: loop({ owners: ['worker'], everyMs: 5_000, across: 'one-node', atStart: false }),
  /**
   * The inbox's live connections read their businesses' new events: what a lost doorbell, or one rung before its
   * transaction committed, costs at most.
   */
  inboxLiveCatchUp: loop({ owners: ['api'], everyMs: 1_000, across: 'each-process', atStart: false }),
  /** A comment line on every live stream (proxies close quiet ones) that also keeps its agent's presence from lapsing. */
  inboxLivePing: loop({ owners: ['api'], everyMs: 15_000, across: 'each-process', atStart: false }),
  /** Live inbox events are kept a day for reconnecting agents; an older cursor reloads the inbox. */
  inboxEventsPurge: loop({ owners: ['api', 'worker'], everyMs: 10 * MINUTE, across: 'one-node', atStart: false }),
} as const satisfies Record<string, BackgroundWork>;

export type BackgroundKey = keyof typeof background;
export type LoopKey = { [K in BackgroundKey]: (typeof background)[K] extends LoopWork ? K : never }[BackgroundKey];

export const cadenceMs = (cadence: Cadence, config: Config): number =>
  typeof cadence === 'number' ? cadence : cadence(config);

/** What `owner` runs in this configuration. */
export function backgroundFor(owner: Owner, config: Config): [BackgroundKey, BackgroundWork][] {
  return (Object.entries(background) as [BackgroundKey, BackgroundWork][]).filter(
    ([, w]) => w.owners.includes(owner) && (w.enabled?.(config) ?? true),
  );
}
