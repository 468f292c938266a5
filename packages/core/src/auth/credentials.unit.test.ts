import { describe, expect, it } from 'vitest';
import { basicAuthorization, credentialMatches, hashCredential, parseBasicAuthorization } from './credentials';

const accountId = '2f1c8a9e-4b7d-4e0a-9c3b-5d6e7f801234';
const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

describe('device credentials', () => {
  it('round-trips the Authorization value devices send', () => {
    const creds = { accountId, deviceId: 3, password: 'p:a:s:s' };
    expect(parseBasicAuthorization(basicAuthorization(creds))).toEqual(creds);
    expect(parseBasicAuthorization(basic(`${accountId.toUpperCase()}.1:x`))?.accountId).toBe(accountId);
  });

  it.each([
    ['nothing', undefined],
    ['another scheme', `Bearer ${Buffer.from(`${accountId}.1:x`).toString('base64')}`],
    ['no password', basic(`${accountId}.1:`)],
    ['no device id', basic(`${accountId}:x`)],
    ['device 0', basic(`${accountId}.0:x`)],
    ['device 128', basic(`${accountId}.128:x`)],
    ['not a UUID', basic('alice.1:x')],
    ['no colon', basic(`${accountId}.1`)],
  ])('rejects %s', (_, header) => {
    expect(parseBasicAuthorization(header)).toBeUndefined();
  });

  it('keeps only a keyed hash, compared in constant time', () => {
    const stored = hashCredential('k'.repeat(32), 'secret');
    expect(credentialMatches('k'.repeat(32), 'secret', stored)).toBe(true);
    expect(credentialMatches('k'.repeat(32), 'Secret', stored)).toBe(false);
    expect(credentialMatches('j'.repeat(32), 'secret', stored)).toBe(false);
  });
});
