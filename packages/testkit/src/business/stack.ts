import { randomBytes, randomInt } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { ApiKeysService } from '@switchboard/business/auth/api-keys.service';
import { BusinessesService } from '@switchboard/business/tenancy/businesses.service';
import { type ContractResponse, contractFetch } from '@switchboard/contract';
import { PrismaService } from '@switchboard/platform';
import { OPERATOR_TOKEN, type RunningApi } from '../api';
import { startStack } from '../stack';
import { waitFor } from '../wait';

export interface TestBusiness {
  id: string;
  phoneNumberId: string;
  token: string;
  /** Calls the business API as this business, through contractFetch (every response checked against openapi.yaml). */
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ContractResponse<T>>;
  /** The platform operator's review decision on one of this business's templates (the operator's credential). */
  review<T = Record<string, unknown>>(templateId: string, body: unknown): Promise<ContractResponse<T>>;
  /** Subscribes a webhook receiver (the handshake included) to `fields`; throws unless the API answers 200. */
  subscribe(receiver: WebhookReceiver, fields?: string[]): Promise<void>;
}

/** What subscribing needs of a receiver (the Receiver of ../webhooks/receiver). */
export interface WebhookReceiver {
  url: string;
  verifyToken: string;
  appSecret: string;
}

export interface BusinessStack {
  api: RunningApi;
  /** The stack's environment overrides (Redis prefix, database): another API node of the same stack takes them. */
  env: Record<string, string>;
  /** The worker process's modules in this process (with `worker`). */
  workers?: INestApplicationContext;
  prisma: PrismaService['client'];
  business(): Promise<TestBusiness>;
  /** contractFetch with any Authorization header (or none), and other headers. */
  raw<T = Record<string, unknown>>(
    method: string,
    path: string,
    auth?: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ContractResponse<T>>;
  /** The number's core account id, once its device is provisioned (the `devices.provision` job queued on add). */
  provisioned(phoneNumberId: string): Promise<string>;
  /** Deletes every Redis key of this stack (Stack.flushRedis): what a Redis restart loses. */
  flushRedis(): Promise<void>;
  close(): Promise<void>;
}

/** The API — and, with `worker`, the worker process's modules — in this test process (see startStack). */
export async function startBusinessStack(
  options: { worker?: boolean; env?: Record<string, string> } = {},
): Promise<BusinessStack> {
  const stack = await startStack({ label: 'biz', workers: options.worker ? 1 : 0, env: options.env });
  const { api } = stack;
  const raw = <T>(method: string, path: string, auth?: string, body?: unknown, headers: Record<string, string> = {}) =>
    contractFetch<T>(`${api.url}${path}`, {
      method,
      headers: {
        ...(auth && { authorization: auth }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return {
    api,
    env: stack.env,
    workers: stack.workers[0],
    prisma: api.app.get(PrismaService).client,
    raw,
    async business() {
      const businesses = api.app.get(BusinessesService);
      const business = await businesses.createBusiness(`Test ${randomBytes(3).toString('hex')}`);
      const phone = `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
      const number = await businesses.addNumber(business.id, phone, business.name);
      const key = await api.app.get(ApiKeysService).create(business.id, 'test');
      return {
        id: business.id,
        phoneNumberId: number.id,
        token: key.token,
        call: (method, path, body, headers) => raw(method, `/v23.0${path}`, `Bearer ${key.token}`, body, headers),
        review: (templateId, body) => raw('POST', `/v23.0/${templateId}/review`, `Bearer ${OPERATOR_TOKEN}`, body),
        async subscribe(receiver, fields = ['messages']) {
          const res = await raw('POST', `/v23.0/${business.id}/webhook_subscriptions`, `Bearer ${key.token}`, {
            callback_url: receiver.url,
            verify_token: receiver.verifyToken,
            app_secret: receiver.appSecret,
            fields,
          });
          if (res.status !== 200) throw new Error(`subscribe failed: ${res.status} ${res.text}`);
        },
      };
    },
    async provisioned(phoneNumberId) {
      let accountId = '';
      const db = api.app.get(PrismaService).client;
      await waitFor(
        async () => {
          const n = await db.businessNumber.findUnique({ where: { id: phoneNumberId } });
          accountId = n?.accountId ?? '';
          return !!accountId;
        },
        `number ${phoneNumberId} provisioned`,
        30_000,
      ).catch(async (err: Error) => {
        // What the database was waiting on: the evidence a provisioning stall leaves.
        const activity = await db.$queryRawUnsafe<unknown[]>(
          `SELECT pid, state, wait_event_type, wait_event, extract(epoch FROM now() - xact_start)::float8 AS xact_s, left(query, 160) AS query
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
        );
        const locks = await db.$queryRawUnsafe<unknown[]>(
          `SELECT pid, locktype, objid::text, granted, mode FROM pg_locks WHERE locktype = 'advisory' ORDER BY objid`,
        );
        throw new Error(
          `${err.message}\nactivity: ${JSON.stringify(activity)}\nadvisory locks: ${JSON.stringify(locks)}`,
        );
      });
      return accountId;
    },
    flushRedis: stack.flushRedis,
    close: stack.close,
  };
}
