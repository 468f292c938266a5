import { ApiKeysService } from '@switchboard/business/auth/api-keys.service';
import { parseConfig } from '@switchboard/config';
import { createRedis } from '@switchboard/redis';
import { type BusinessApi, startBusinessApi } from '@switchboard/testkit/business/api';
import { client, failure, fetchFrom, newAccount, randomLoopback } from '@switchboard/testkit/core';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('failed authentication is throttled per source address', () => {
  let env: BusinessApi;
  beforeAll(async () => {
    env = await startBusinessApi({
      AUTH_FAILURES_PER_CLIENT_PER_MINUTE: '5',
      // Accounts are registered from 127.0.0.1, whose code budget the run's other files share (one Redis prefix).
      OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
      OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
    });
  });
  afterAll(() => env.close());

  it('device credentials: past 5 failures an address gets 429 even with a good one; other addresses are unaffected', async () => {
    const { credentials } = await newAccount(env.api);
    const from = (address: string, password = credentials.password) =>
      client(env.api, fetchFrom(address)).as({ ...credentials, password });
    const attacker = randomLoopback();
    for (let i = 0; i < 5; i++) {
      expect(await failure(from(attacker, `wrong-${i}`).listDevices())).toMatchObject({ status: 401, code: 190 });
    }
    const throttled = await failure(from(attacker).listDevices());
    expect(throttled).toMatchObject({ status: 429, code: 130429 });
    expect(throttled.details).toMatch(/^auth_failures_per_client: retry after \d+ s$/);
    // The same wrong password again from elsewhere is still just wrong; the right one works there.
    expect(await failure(from(randomLoopback(), 'wrong-0').listDevices())).toMatchObject({ status: 401 });
    expect((await from(randomLoopback()).listDevices()).devices).toHaveLength(1);
  });

  it('business API keys: the same per address, and a key created after failures works at once', async () => {
    const b = await env.business();
    const get = async (address: string, token: string) => {
      const res = await fetchFrom(address)(`${env.api.url}/v23.0/${b.id}/phone_numbers`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: res.status, body: (await res.json()) as { error?: { code: number } } };
    };
    // Well-formed tokens, each one a lookup today (malformed ones never reach the database).
    const guess = (i: number) => `sb_live_${String(i).padStart(43, 'g')}`;
    const attacker = randomLoopback();
    for (let i = 0; i < 5; i++) expect((await get(attacker, guess(i))).status).toBe(401);
    const throttled = await get(attacker, guess(9));
    expect(throttled.status).toBe(429);
    expect(throttled.body.error?.code).toBe(130429);

    const other = randomLoopback();
    expect((await get(other, guess(0))).status).toBe(401); // remembered as bad: no lookup, same answer
    const fresh = await env.api.app.get(ApiKeysService).create(b.id, 'new');
    expect((await get(other, fresh.token)).status).toBe(200);
  });

  it('the gate is a cached script: requests send its SHA (EVALSHA), never the Lua text again', async () => {
    const { credentials } = await newAccount(env.api);
    const address = randomLoopback();
    const as = client(env.api, fetchFrom(address)).as(credentials);
    await as.listDevices(); // the first use anywhere may load the script (EVAL after NOSCRIPT)
    const redis = createRedis(parseConfig(process.env), 'test-monitor');
    const monitor = await redis.monitor();
    // Only this address's gate scripts: other files share the server.
    const calls: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => {
      const command = args[0]!.toLowerCase();
      if (command.startsWith('eval') && args.some((a) => a.endsWith(`auth:fails:${address}`))) calls.push(command);
    });
    try {
      for (let i = 0; i < 5; i++) expect((await as.listDevices()).devices).toHaveLength(1);
      await waitFor(() => calls.length >= 5, 'the gate calls seen by MONITOR');
      expect(calls).toEqual(Array(5).fill('evalsha'));
    } finally {
      monitor.disconnect();
      redis.disconnect();
    }
  });
});
