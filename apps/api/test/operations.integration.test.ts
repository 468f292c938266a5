import { randomBytes } from 'node:crypto';
import { contractFetch, loadSpec } from '@switchboard/contract';
import { dropDatabase, withDatabase } from '@switchboard/devtools/services';
import { PrismaService } from '@switchboard/platform';
import { createDatabaseIfMissing } from '@switchboard/prisma/scripts/migrations';
import { type RunningApi, startApi } from '@switchboard/testkit/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('operations endpoints', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('GET /health answers ok', async () => {
    const res = await contractFetch<{ status: string }>(`${api.url}/health`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('GET /ready is 200 when Postgres, Redis and migrations are fine', async () => {
    const res = await contractFetch<{ status: string; checks: Record<string, string> }>(`${api.url}/ready`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok', migrations: 'ok' } });
  });

  it('names its Postgres connections after the process, as pg_stat_activity shows them', async () => {
    await fetch(`${api.url}/ready`); // a query, so the pool has a connection open
    const rows = await api.app
      .get(PrismaService)
      .client.$queryRawUnsafe<{ name: string }[]>(
        `SELECT application_name AS name FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
      );
    expect(rows).toEqual([{ name: `switchboard-api-${process.pid}` }]);
  });

  it('echoes a caller’s X-Request-Id and mints one otherwise', async () => {
    const given = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const minted = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /metrics exposes HTTP, queue and process metrics', async () => {
    await fetch(`${api.url}/health`);
    const res = await contractFetch<string>(`${api.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /switchboard_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} [1-9]/,
    );
    expect(res.text).toMatch(/switchboard_queue_jobs\{queue="maintenance",state="waiting"\} 0/);
    expect(res.text).toMatch(/switchboard_process_resident_memory_bytes \d+/);
  });

  it('answers an unknown path with 404 in the one error envelope, with the request id as fbtrace_id', async () => {
    const res = await fetch(`${api.url}/no/such/thing`, { headers: { 'x-request-id': 'req-404' } });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code: 100, type: 'GraphMethodException', fbtrace_id: 'req-404' });
    expect(Object.keys(loadSpec().components ?? {})).toContain('schemas');
  });
});

describe('who may read /metrics', () => {
  const token = `metrics-${randomBytes(16).toString('hex')}`;
  let open: RunningApi;
  let guarded: RunningApi;
  beforeAll(async () => {
    [open, guarded] = await Promise.all([startApi(), startApi({ METRICS_TOKEN: token })]);
  });
  afterAll(() => Promise.all([open.close(), guarded.close()]));

  it('without METRICS_TOKEN: loopback only, anyone else gets 403 (code 10)', async () => {
    expect((await contractFetch(`${open.url}/metrics`)).status).toBe(200);
    // A caller from elsewhere, injected in-process: no test traffic leaves loopback.
    const res = await open.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 10, type: 'OAuthException' });
  });

  it('with METRICS_TOKEN: the bearer token is required, from loopback too', async () => {
    const none = await contractFetch<{ error: { code: number } }>(`${guarded.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe(190);
    const wrong = await contractFetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await contractFetch<string>(`${guarded.url}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(right.status).toBe(200);
    expect(right.text).toMatch(/switchboard_process_resident_memory_bytes \d+/);
  });
});

describe('readiness with unapplied migrations', () => {
  const url = withDatabase(process.env.DATABASE_URL!, `sb_unmigrated_${randomBytes(4).toString('hex')}`);
  let api: RunningApi;
  beforeAll(async () => {
    await createDatabaseIfMissing(url);
    api = await startApi({ DATABASE_URL: url });
  });
  afterAll(async () => {
    await api?.close();
    await dropDatabase(url); // also when start-up failed, so no database is left behind
  });

  it('GET /ready is 503 naming the failing check, while /health stays 200', async () => {
    const ready = await contractFetch<{
      status: string;
      checks: Record<string, string>;
      details: Record<string, string>;
    }>(`${api.url}/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toEqual({ postgres: 'ok', redis: 'ok', migrations: 'failing' });
    expect(ready.body.details.migrations).toMatch(/_prisma_migrations|pending migrations/);
    expect((await contractFetch(`${api.url}/health`)).status).toBe(200);
  });
});
