import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { ApiKeysService } from '@switchboard/business/auth/api-keys.service';
import { BusinessesService } from '@switchboard/business/tenancy/businesses.service';
import { parseConfig } from '@switchboard/config';
import { createLogger } from '@switchboard/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiApp, createApp } from '../src/bootstrap';

// Logs are JSON lines; every line written while serving a request carries that request's id.
describe('structured logs', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  let app: ApiApp;
  let url: string;

  beforeAll(async () => {
    const config = parseConfig({ ...process.env, LOG_LEVEL: 'info' });
    app = await createApp(config, createLogger(config, 'api', sink));
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('writes one JSON object per event with service, level, time and the request id', async () => {
    await fetch(`${url}/health`, { headers: { 'x-request-id': 'log-test-1' } });
    const mine = lines.filter((l) => l.reqId === 'log-test-1');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    for (const l of mine)
      expect(l).toMatchObject({ service: 'api', level: 30, time: expect.stringMatching(/^\d{4}-/) });
    expect(mine[1]).toMatchObject({ res: { statusCode: 200 }, responseTime: expect.any(Number) });
  });

  it('accepts ?access_token= as Graph does, and keeps the token out of every log line', async () => {
    const business = await app.get(BusinessesService).createBusiness('logging test');
    const { token } = await app.get(ApiKeysService).create(business.id, 'query token');
    const res = await fetch(`${url}/v23.0/${business.id}/webhook_subscriptions?limit=5&access_token=${token}`, {
      headers: { 'x-request-id': 'log-test-token' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: [] });
    const bad = await fetch(`${url}/v23.0/${business.id}/webhook_subscriptions?access_token=sb_live_not-a-key-0123`, {
      headers: { 'x-request-id': 'log-test-bad-token' },
    });
    expect(bad.status).toBe(401);
    const mine = lines.filter((l) => String(l.reqId).startsWith('log-test-') && String(l.reqId).endsWith('token'));
    expect(mine.find((l) => l.reqId === 'log-test-token' && l.msg === 'incoming request')).toMatchObject({
      req: { url: `/${business.id}/webhook_subscriptions?limit=5` },
    });
    expect(JSON.stringify(lines)).not.toContain(token);
    expect(JSON.stringify(lines)).not.toContain('not-a-key-0123');
  });

  it('never logs credentials', async () => {
    await fetch(`${url}/health`, { headers: { 'x-request-id': 'log-test-2', authorization: 'Bearer secret-token' } });
    expect(JSON.stringify(lines)).not.toContain('secret-token');
  });
});
