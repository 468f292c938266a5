import { contractFetch } from '@switchboard/contract';
import { authorizationHeader } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { newAccount, startCoreApi } from '@switchboard/testkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every malformed input gets 400, code 100, and details that start with the field at fault — never a 500.
describe('malformed input on the core endpoints', () => {
  let api: RunningApi;
  let auth: string;
  let accountId: string;
  beforeAll(async () => {
    api = await startCoreApi();
    const { credentials } = await newAccount(api);
    auth = authorizationHeader(credentials);
    accountId = credentials.accountId;
  });
  afterAll(() => api.close());

  const n = '+447400123456';
  const cases: [string, string, string, unknown, string][] = [
    ['POST', '/v1/accounts/verification', 'no body', undefined, 'body'],
    ['POST', '/v1/accounts/verification', 'an array', [n], 'body'],
    ['POST', '/v1/accounts/verification', 'no number', {}, 'number'],
    ['POST', '/v1/accounts/verification', 'a number as a JSON number', { number: 447400123456 }, 'number'],
    ['POST', '/v1/accounts/verification', 'a national number', { number: '07400123456' }, 'number'],
    ['POST', '/v1/accounts/verification', 'a huge string', { number: `+${'1'.repeat(5000)}` }, 'number'],
    ['POST', '/v1/accounts/registration', 'a short code', { number: n, code: '12' }, 'code'],
    ['POST', '/v1/accounts/registration', 'a PIN of letters', { number: n, code: '123456', pin: 'abcdef' }, 'pin'],
    [
      'POST',
      '/v1/accounts/registration',
      'a long device name',
      { number: n, code: '123456', name: 'x'.repeat(51) },
      'name',
    ],
    ['PUT', '/v1/accounts/pin', 'a 4-digit PIN', { pin: '1234' }, 'pin'],
    ['PUT', '/v1/accounts/pin', 'a numeric PIN', { pin: 123456 }, 'pin'],
    ['DELETE', '/v1/accounts/pin', 'no PIN', {}, 'pin'],
    ['POST', '/v1/devices/link/approve', 'a short link code', { link_code: 'abc' }, 'link_code'],
    ['POST', '/v1/devices/link/complete', 'no secret', { link_code: 'a'.repeat(22) }, 'link_secret'],
    ['DELETE', '/v1/devices/abc', 'a device id that is not a number', undefined, 'device_id'],
    ['DELETE', '/v1/devices/200', 'a device id out of range', undefined, 'device_id'],
    ['PUT', '/v1/keys', 'a negative key id', { pre_keys: [{ key_id: -1, public_key: 'AAAA' }] }, 'pre_keys[0].key_id'],
    ['PUT', '/v1/keys', 'an identity key that is not base64', { identity_key: '!!!!' }, 'identity_key'],
    ['PUT', '/v1/keys', 'a registration id of 0', { registration_id: 0 }, 'registration_id'],
    [
      'PUT',
      '/v1/keys',
      'more than 100 prekeys',
      { pre_keys: Array.from({ length: 101 }, (_, i) => ({ key_id: i, public_key: 'AAAA' })) },
      'pre_keys',
    ],
    [
      'PUT',
      '/v1/keys',
      'a signed prekey without signature',
      { signed_pre_key: { key_id: 1, public_key: 'AAAA' } },
      'signed_pre_key.',
    ],
    ['GET', '/v1/keys/not-a-uuid/1', 'an account id that is not a UUID', undefined, 'account_id'],
    ['GET', '/v1/keys/ACCOUNT/0', 'device 0', undefined, 'device_id'],
    ['GET', '/v1/keys/ACCOUNT/first', 'a device id that is neither a number nor "all"', undefined, 'device_id'],
  ];

  it.each(cases)('%s %s with %s names %s', async (method, path, _what, body, field) => {
    const res = await contractFetch<{ error: { code: number; error_data?: { details: string } } }>(
      `${api.url}${path.replace('ACCOUNT', accountId)}`,
      {
        method,
        headers: { authorization: auth, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(100);
    expect(res.body.error.error_data?.details.startsWith(`${field}`)).toBe(true);
  });

  it('answers malformed JSON with 400 code 100', async () => {
    const res = await contractFetch<{ error: { code: number } }>(`${api.url}/v1/accounts/verification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"number":',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(100);
  });
});
