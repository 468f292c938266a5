import { describe, expect, it } from 'vitest';
import { type ActiveDevices, checkDevices } from './device-check';

const ME = '00000000-0000-4000-8000-00000000000a';
const YOU = '00000000-0000-4000-8000-00000000000b';
const env = (deviceId: number, registrationId: number) => ({
  deviceId,
  registrationId,
  type: 2 as const,
  ciphertext: new Uint8Array([1]),
});
const active = (entries: [string, [number, number][]][]) =>
  new Map<string, ActiveDevices>(
    entries.map(([a, ds]) => [a, ds.map(([deviceId, registrationId]) => ({ deviceId, registrationId }))]),
  );

describe('checkDevices (Signal’s device-set rule)', () => {
  const from = { accountId: ME, deviceId: 1 };

  it('accepts exactly the recipient’s devices plus the sender’s other devices', () => {
    const sets = active([
      [
        ME,
        [
          [1, 10],
          [2, 20],
        ],
      ],
      [YOU, [[1, 30]]],
    ]);
    const groups = [
      { accountId: YOU, envelopes: [env(1, 30)] },
      { accountId: ME, envelopes: [env(2, 20)] },
    ];
    expect(checkDevices(from, groups, sets)).toEqual({ ok: true });
  });

  it('names missing and extra devices per account (409), including the sender’s own', () => {
    const sets = active([
      [
        ME,
        [
          [1, 10],
          [2, 20],
        ],
      ],
      [
        YOU,
        [
          [1, 30],
          [3, 33],
        ],
      ],
    ]);
    const result = checkDevices(from, [{ accountId: YOU, envelopes: [env(1, 30), env(5, 1)] }], sets);
    expect(result).toEqual({
      ok: false,
      code: 409,
      mismatches: [
        { accountId: ME, missing: [2], extra: [], stale: [] },
        { accountId: YOU, missing: [3], extra: [5], stale: [] },
      ],
    });
  });

  it('reports stale registration ids (410) only when the device set itself is right', () => {
    const sets = active([
      [ME, [[1, 10]]],
      [
        YOU,
        [
          [1, 30],
          [2, 40],
        ],
      ],
    ]);
    const stale = checkDevices(from, [{ accountId: YOU, envelopes: [env(1, 30), env(2, 41)] }], sets);
    expect(stale).toEqual({
      ok: false,
      code: 410,
      mismatches: [{ accountId: YOU, missing: [], extra: [], stale: [2] }],
    });
    const both = checkDevices(from, [{ accountId: YOU, envelopes: [env(2, 41)] }], sets);
    expect(both).toMatchObject({ ok: false, code: 409 });
  });

  it('refuses an account with no active device as unknown (404), and a copy to the sending device as extra', () => {
    expect(checkDevices(from, [{ accountId: YOU, envelopes: [env(1, 1)] }], active([[ME, [[1, 10]]]]))).toEqual({
      ok: false,
      code: 404,
      accountId: YOU,
    });
    expect(checkDevices(from, [{ accountId: ME, envelopes: [env(1, 10)] }], active([[ME, [[1, 10]]]]))).toMatchObject({
      code: 409,
      mismatches: [{ accountId: ME, extra: [1] }],
    });
  });
});
