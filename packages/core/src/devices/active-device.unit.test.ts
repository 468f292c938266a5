import { describe, expect, it } from 'vitest';
import { ACTIVE_DEVICE_SQL, ACTIVE_DEVICE_WHERE, isActiveDevice } from './active-device';

const keys = { registrationId: 7, signedPreKey: new Uint8Array([1]), lastResortKyberKey: new Uint8Array([2]) };

describe('active device', () => {
  it('is a device that has uploaded its registration id, signed prekey and last-resort Kyber key', () => {
    expect(isActiveDevice(keys)).toBe(true);
    expect(isActiveDevice({ ...keys, registrationId: null })).toBe(false);
    expect(isActiveDevice({ ...keys, signedPreKey: null })).toBe(false);
    expect(isActiveDevice({ ...keys, lastResortKyberKey: null })).toBe(false);
  });

  it('reads the same in Prisma and in SQL', () => {
    expect(ACTIVE_DEVICE_WHERE).toEqual({
      registrationId: { not: null },
      signedPreKey: { not: null },
      lastResortKyberKey: { not: null },
    });
    expect(ACTIVE_DEVICE_SQL).toBe(
      '"registrationId" IS NOT NULL AND "signedPreKey" IS NOT NULL AND "lastResortKyberKey" IS NOT NULL',
    );
  });
});
