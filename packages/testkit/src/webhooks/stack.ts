import { randomBytes } from 'node:crypto';
import { ApiKeysService } from '@switchboard/business/auth/api-keys.service';
import { BusinessesService } from '@switchboard/business/tenancy/businesses.service';
import { WebhookEventsService } from '@switchboard/webhooks';
import type { RunningApi } from '../api';
import { startStack } from '../stack';

export interface WebhookStack {
  api: RunningApi;
  events: WebhookEventsService;
  env: Record<string, string>;
  /** Creates a business with an API key; returns its WABA id and Bearer headers. */
  business(): Promise<{ id: string; headers: Record<string, string> }>;
  /** Deletes every Redis key of this stack: queues, delayed retries, wake counters. */
  flushRedis(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API and the worker process's modules in this test process, on a database and Redis prefix of their own: the
 * run's database is shared by every test file, and another file's workers would otherwise sweep and deliver these
 * tests' events with their own retry settings. Retries and the sweeper are fast here.
 */
export async function startWebhookStack(
  overrides: Record<string, string> = {},
  options: { workers?: number } = {},
): Promise<WebhookStack> {
  const stack = await startStack({
    label: 'wh',
    workers: options.workers ?? 1,
    ownDatabase: true,
    env: {
      WEBHOOK_RETRY_BASE_MS: '20',
      WEBHOOK_RETRY_MAX_MS: '400',
      WEBHOOK_SWEEP_INTERVAL_SECONDS: '1',
      WEBHOOK_TIMEOUT_MS: '3000',
      ...overrides,
    },
  });
  const { api, env } = stack;
  return {
    api,
    env,
    events: api.app.get(WebhookEventsService),
    async business() {
      const business = await api.app
        .get(BusinessesService)
        .createBusiness(`webhooks ${randomBytes(3).toString('hex')}`);
      const key = await api.app.get(ApiKeysService).create(business.id, 'test');
      return { id: business.id, headers: { authorization: `Bearer ${key.token}` } };
    },
    flushRedis: stack.flushRedis,
    close: stack.close,
  };
}
