import { linkDevice, registerWithDevCode } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { client, failure, newAccount, startCoreApi } from '@switchboard/testkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('two-step verification PIN', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startCoreApi({ PIN_FREE_ATTEMPTS: '2', PIN_LOCKOUT_BASE_SECONDS: '1' });
  });
  afterAll(() => api.close());

  it('sets, changes and disables the PIN', async () => {
    const { rest } = await newAccount(api);
    expect(await rest.pinStatus()).toEqual({ enabled: false });
    await rest.setPin('123456');
    expect(await rest.pinStatus()).toEqual({ enabled: true });
    await rest.setPin('654321', '123456');
    expect(await failure(rest.disablePin('123456'))).toMatchObject({ status: 403, code: 133005 });
    await rest.disablePin('654321');
    expect(await rest.pinStatus()).toEqual({ enabled: false });
    expect(await failure(rest.disablePin('654321'))).toMatchObject({ status: 409, code: 133016 });
  });

  it('needs the current PIN to change it', async () => {
    const { rest } = await newAccount(api, { pin: undefined });
    await rest.setPin('111111');
    const missing = await failure(rest.setPin('222222'));
    expect(missing).toMatchObject({ status: 400, code: 100 });
    expect(missing.details).toMatch(/^current_pin: /);
    expect(await failure(rest.setPin('222222', '999999'))).toMatchObject({ status: 403, code: 133005 });
  });

  it('lets only the primary device manage the PIN', async () => {
    const { rest } = await newAccount(api);
    const companion = await linkDevice(rest);
    expect(await failure(companion.rest.setPin('123456'))).toMatchObject({ status: 403, code: 10 });
  });

  it('locks out for growing periods after wrong PINs, even for the right PIN', async () => {
    const { rest } = await newAccount(api);
    await rest.setPin('123456');
    const wrong = () => failure(rest.setPin('000000', '999999'));
    // Two free attempts, then 1 s, 2 s, 4 s...
    expect((await wrong()).details).toBe('pin: wrong PIN; 1 attempt(s) left before a lockout');
    expect((await wrong()).details).toBe('pin: wrong PIN; 0 attempt(s) left before a lockout');
    expect((await wrong()).details).toBe('pin: wrong PIN; locked for 1 s');
    expect(await wrong()).toMatchObject({ status: 429, code: 133008 });
    await sleep(1100);
    expect((await wrong()).details).toBe('pin: wrong PIN; locked for 2 s');
    const locked = await failure(rest.setPin('000000', '123456'));
    expect(locked).toMatchObject({ status: 429, code: 133008 });
    expect(locked.details).toMatch(/^pin: locked, retry after [12] s$/);
    await sleep(2100);
    expect((await wrong()).details).toBe('pin: wrong PIN; locked for 4 s');
  });

  it('judges parallel guesses one by one, so they cannot outrun the lockout', async () => {
    const { rest } = await newAccount(api);
    await rest.setPin('123456');
    const results = await Promise.all(Array.from({ length: 10 }, () => failure(rest.disablePin('000000'))));
    expect(results.filter((r) => r.status === 403)).toHaveLength(3); // 2 free + the one that locks
    expect(results.filter((r) => r.status === 429 && r.code === 133008)).toHaveLength(7);
  });

  it('requires the PIN to register the number on a new primary', async () => {
    const { rest: old, number } = await newAccount(api);
    await old.setPin('246810');
    const fresh = client(api);
    await fresh.requestCode(number);
    const { code } = await fresh.devVerificationCode(number);
    expect(await failure(fresh.register({ number, code }))).toMatchObject({ status: 423, code: 133011 });
    expect(await failure(fresh.register({ number, code, pin: '111111' }))).toMatchObject({ status: 403, code: 133005 });
    // The same code still works with the right PIN (no new SMS needed), and then never again.
    const registration = await fresh.register({ number, code, pin: '246810' });
    expect(registration).toMatchObject({ reregistered: true, device_id: 1 });
    expect(await failure(fresh.register({ number, code, pin: '246810' }))).toMatchObject({ code: 136025 });
    // The old primary's credential is gone; the PIN stays on.
    expect(await failure(old.listDevices())).toMatchObject({ status: 401, code: 190 });
    const now = fresh.as({ accountId: registration.account_id, deviceId: 1, password: registration.password });
    expect(await now.pinStatus()).toEqual({ enabled: true });
  });

  it('does not ask for a PIN when two-step verification is off', async () => {
    const { number, credentials } = await newAccount(api);
    const again = await registerWithDevCode(client(api), number);
    expect(again.registration).toMatchObject({ reregistered: true, account_id: credentials.accountId });
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
