import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contractFetch } from '@switchboard/contract';
import type { RunningApi } from '@switchboard/testkit/api';
import { client, failure, fetchFrom, randomLoopback, randomNumber, startCoreApi } from '@switchboard/testkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('registration by phone number', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startCoreApi();
  });
  afterAll(() => api.close());

  it('registers a number with the code from the development SMS endpoint', async () => {
    const rest = client(api);
    const number = randomNumber();
    expect(await rest.requestCode(number)).toEqual({ number, expires_in_s: 300 });
    const sms = await rest.devVerificationCode(number);
    expect(sms.code).toMatch(/^[0-9]{6}$/);
    const registration = await rest.register({ number, code: sms.code, name: 'phone' });
    expect(registration).toMatchObject({ number, device_id: 1, reregistered: false });
    const me = rest.as({ accountId: registration.account_id, deviceId: 1, password: registration.password });
    expect((await me.listDevices()).devices).toEqual([expect.objectContaining({ device_id: 1, primary: true })]);
  });

  it('normalizes the number to E.164', async () => {
    const rest = client(api);
    const number = randomNumber();
    const spaced = `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`;
    expect((await rest.requestCode(spaced)).number).toBe(number);
  });

  it('rejects a wrong code, then accepts the right one', async () => {
    const rest = client(api);
    const number = randomNumber();
    await rest.requestCode(number);
    const { code } = await rest.devVerificationCode(number);
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await failure(rest.register({ number, code: wrong }))).toMatchObject({ status: 403, code: 136025 });
    expect((await rest.register({ number, code })).account_id).toBeTruthy();
  });

  it('refuses a replayed code', async () => {
    const rest = client(api);
    const number = randomNumber();
    await rest.requestCode(number);
    const { code } = await rest.devVerificationCode(number);
    await rest.register({ number, code });
    expect(await failure(rest.register({ number, code }))).toMatchObject({ status: 403, code: 136025 });
  });

  it('lets only one of two parallel registrations with the same code through', async () => {
    const rest = client(api);
    const number = randomNumber();
    await rest.requestCode(number);
    const { code } = await rest.devVerificationCode(number);
    const results = await Promise.allSettled([rest.register({ number, code }), rest.register({ number, code })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('replaces the previous code when a new one is requested', async () => {
    const rest = client(api);
    const number = randomNumber();
    await rest.requestCode(number);
    const first = (await rest.devVerificationCode(number)).code;
    await rest.requestCode(number);
    const second = (await rest.devVerificationCode(number)).code;
    if (first !== second) {
      expect(await failure(rest.register({ number, code: first }))).toMatchObject({ status: 403, code: 136025 });
    }
    expect((await rest.register({ number, code: second })).device_id).toBe(1);
  });

  it('burns a code after OTP_MAX_ATTEMPTS wrong guesses', async () => {
    const rest = client(api);
    const number = randomNumber();
    await rest.requestCode(number);
    const { code } = await rest.devVerificationCode(number);
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) await failure(rest.register({ number, code: wrong }));
    // The right code no longer works: a guesser cannot keep trying against one code.
    expect(await failure(rest.register({ number, code }))).toMatchObject({ status: 403, code: 136025 });
    // The number is not locked: a new code works.
    await rest.requestCode(number);
    const fresh = (await rest.devVerificationCode(number)).code;
    expect((await rest.register({ number, code: fresh })).device_id).toBe(1);
  });

  it("lets the owner register with a fresh code after a stranger's wrong guesses", async () => {
    const number = randomNumber();
    const stranger = client(api, fetchFrom(randomLoopback()));
    const owner = client(api, fetchFrom(randomLoopback()));
    await owner.requestCode(number);
    // Enough wrong guesses to burn the code and then some: nothing here may lock the number.
    for (let i = 0; i < 12; i++) {
      expect(await failure(stranger.register({ number, code: '999999' }))).toMatchObject({ status: 403 });
    }
    await owner.requestCode(number);
    const { code } = await owner.devVerificationCode(number);
    expect((await owner.register({ number, code })).device_id).toBe(1);
  });

  it('spaces codes for one number by a short cooldown instead of an hourly lock', async () => {
    const number = randomNumber();
    const from = () => client(api, fetchFrom(randomLoopback()));
    await from().requestCode(number);
    await from().requestCode(number); // one resend at once: an SMS gets lost
    const err = await failure(from().requestCode(number));
    expect(err).toMatchObject({ status: 429, code: 130429 });
    expect(err.details).toMatch(/^otp_resend_cooldown: retry after ([1-9]|[12][0-9]|30) s$/);
  });

  it('refuses invalid numbers with code 100 naming the field', async () => {
    for (const number of ['+1234', '447400123456', '+44 7400 12345x', '+999123456789']) {
      const err = await failure(client(api).requestCode(number));
      expect(err).toMatchObject({ status: 400, code: 100 });
      expect(err.details).toMatch(/^number: /);
    }
  });
});

describe('registration limits per client address and code expiry', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startCoreApi({
      OTP_TTL_SECONDS: '1',
      OTP_RESEND_COOLDOWN_SECONDS: '1',
      OTP_SENDS_PER_CLIENT_PER_HOUR: '3',
      OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '3',
    });
  });
  afterAll(() => api.close());

  it('refuses an expired code', async () => {
    const rest = client(api, fetchFrom(randomLoopback()));
    const number = randomNumber();
    await rest.requestCode(number);
    const { code } = await rest.devVerificationCode(number);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await failure(rest.register({ number, code }))).toMatchObject({ status: 403, code: 136025 });
  });

  it('limits code requests per client address, whatever the number', async () => {
    const rest = client(api, fetchFrom(randomLoopback()));
    for (let i = 0; i < 3; i++) await rest.requestCode(randomNumber());
    const err = await failure(rest.requestCode(randomNumber()));
    expect(err).toMatchObject({ status: 429, code: 130429 });
    expect(err.details).toMatch(/^otp_sends_per_client/);
    // Another address still has its own budget.
    await client(api, fetchFrom(randomLoopback())).requestCode(randomNumber());
  });

  it('lets a number have a code again once its cooldown is over, the next wait doubled', async () => {
    const number = randomNumber();
    const from = () => client(api, fetchFrom(randomLoopback()));
    await from().requestCode(number);
    await from().requestCode(number);
    expect((await failure(from().requestCode(number))).details).toMatch(/retry after 1 s$/);
    await new Promise((r) => setTimeout(r, 1_100));
    await from().requestCode(number);
    expect((await failure(from().requestCode(number))).details).toMatch(/retry after 2 s$/);
  });

  it("limits one address's guesses without blocking the owner's address", async () => {
    const number = randomNumber();
    const flooder = client(api, fetchFrom(randomLoopback()));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await failure(flooder.register({ number, code: '000000' }))).status);
    expect(statuses.slice(3)).toEqual(Array(9).fill(429));
    // Codes live 1 s in this file: the owner asks for one after the flood.
    const owner = client(api, fetchFrom(randomLoopback()));
    await owner.requestCode(number);
    const { code } = await owner.devVerificationCode(number);
    expect((await owner.register({ number, code })).device_id).toBe(1);
  });

  it('limits wrong guesses per client address across numbers', async () => {
    const rest = client(api, fetchFrom(randomLoopback()));
    for (let i = 0; i < 3; i++) await failure(rest.register({ number: randomNumber(), code: '123456' }));
    const err = await failure(rest.register({ number: randomNumber(), code: '123456' }));
    expect(err).toMatchObject({ status: 429, code: 130429 });
    expect(err.details).toMatch(/^otp_verifications_per_client/);
  });
});

describe('codes through an SMS provider (production)', () => {
  let provider: Server;
  let received: { headers: IncomingMessage['headers']; body: { to: string; body: string } }[] = [];
  let failNext = false;
  let api: RunningApi;
  beforeAll(async () => {
    provider = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(raw) });
        res.statusCode = failNext ? 500 : 202;
        failNext = false;
        res.end();
      });
    });
    await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
    const { port } = provider.address() as AddressInfo;
    api = await startCoreApi({
      NODE_ENV: 'production',
      SECRET_KEY: 'a-production-secret-for-this-test-only-0123456789',
      SMS_PROVIDER_URL: `http://127.0.0.1:${port}/sms`,
      SMS_PROVIDER_TOKEN: 'provider-token',
    });
  });
  afterAll(async () => {
    await api.close();
    provider.close();
  });

  it('POSTs the code to the provider and registers with it', async () => {
    received = [];
    const rest = client(api);
    const number = randomNumber();
    await rest.requestCode(number);
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.authorization).toBe('Bearer provider-token');
    expect(received[0]!.body.to).toBe(number);
    const code = /(\d{6})/.exec(received[0]!.body.body)![1]!;
    expect((await rest.register({ number, code })).device_id).toBe(1);
  });

  it('has no development code endpoint', async () => {
    // Not mounted at all in production, so the router answers 404.
    const res = await contractFetch(`${api.url}/v1/dev/verification-codes?number=%2B447400123456`);
    expect(res.status).toBe(404);
  });

  it('answers 503 with code 133004 when the provider fails', async () => {
    failNext = true;
    expect(await failure(client(api).requestCode(randomNumber()))).toMatchObject({ status: 503, code: 133004 });
  });
});

describe('a burst of registrations', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startCoreApi({
      OTP_SENDS_PER_CLIENT_PER_HOUR: '1000',
      OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000',
    });
  });
  afterAll(() => api.close());

  it('registers 200 numbers at once: every one registers or is told to retry (503, Retry-After), none 500', async () => {
    const rest = client(api, fetchFrom(randomLoopback()));
    const numbers = Array.from({ length: 200 }, () => randomNumber());
    await Promise.all(numbers.map((n) => rest.requestCode(n)));
    const codes = await Promise.all(numbers.map((n) => rest.devVerificationCode(n)));
    const outcomes = await Promise.all(
      numbers.map((number, i) =>
        contractFetch(`${api.url}/v1/accounts/registration`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ number, code: codes[i]!.code }),
        }),
      ),
    );
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    for (const busy of outcomes.filter((o) => o.status === 503)) {
      expect(busy.headers.get('retry-after')).toMatch(/^[0-9]+$/);
      expect(busy.body).toMatchObject({ error: { code: 2 } });
    }
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);
  }, 120_000);
});
