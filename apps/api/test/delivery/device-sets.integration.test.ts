import { EnvelopeType, ErrorCode, type SendFrame } from '@switchboard/protocol';
import { gatewayTest } from '@switchboard/testkit/gateway/gateway-test';
import { ciphertext, is, newId, sendTo } from '@switchboard/testkit/gateway/raw-device';
import { describe, expect, it } from 'vitest';

describe('device sets (Signal’s 409/410)', () => {
  const t = gatewayTest();

  async function stored(accountId: string): Promise<number> {
    const { rows } = await t.fx.db.query(
      `SELECT count(*)::int AS n FROM "MailboxMessage" WHERE "senderAccountId" = $1`,
      [accountId],
    );
    return rows[0].n;
  }

  it('refuses missing and extra devices with 409 and the exact lists, storing nothing', async () => {
    const alice = await t.fx.account(2);
    const bob = await t.fx.account(3);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    const send: SendFrame = {
      t: 'send',
      id: newId(),
      groups: [
        {
          accountId: bob.accountId,
          envelopes: [1, 3, 9].map((deviceId) => ({
            deviceId,
            registrationId: bob.devices[deviceId - 1]?.registrationId ?? 1,
            type: EnvelopeType.Whisper,
            ciphertext: ciphertext('x'),
          })),
        },
      ], // Alice's own device 2 is missing too
    };
    const answer = await a.request(send);
    expect(answer).toMatchObject({ t: 'send_error', code: ErrorCode.MismatchedDevices });
    const mismatches = answer.t === 'send_error' ? answer.mismatches : [];
    expect(mismatches).toHaveLength(2);
    expect(mismatches).toContainEqual({ accountId: bob.accountId, missing: [2], extra: [9], stale: [] });
    expect(mismatches).toContainEqual({ accountId: alice.accountId, missing: [2], extra: [], stale: [] });
    expect(await stored(alice.accountId)).toBe(0);
    for (const d of bob.devices) expect(await t.fx.waiting(d)).toBe(0);
  });

  it('refuses a stale registration id with 410 listing the stale devices; the fixed send then goes through', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(2);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    const send = sendTo(alice.devices[0]!, bob, alice, 'stale');
    // Bob's companion was re-linked: same device id, new registration id.
    const relinked = await t.fx.device(bob.accountId, 2);
    const answer = await a.request(send);
    expect(answer).toMatchObject({
      t: 'send_error',
      code: ErrorCode.StaleDevices,
      mismatches: [{ accountId: bob.accountId, missing: [], extra: [], stale: [2] }],
    });
    expect(await stored(alice.accountId)).toBe(0);

    bob.devices[1] = relinked;
    const fixed = sendTo(alice.devices[0]!, bob, alice, 'fixed');
    expect(await a.request({ ...fixed, id: send.id })).toMatchObject({ t: 'send_ok', id: send.id });
    expect(await t.fx.waiting(relinked)).toBe(1);
  });

  it('answers 404 for an account without devices, and refuses a copy to the sending device itself', async () => {
    const alice = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    const ghost = {
      accountId: '00000000-0000-4000-8000-000000000000',
      devices: [{ ...alice.devices[0]!, accountId: 'x' }],
    };
    const unknown = await a.request(sendTo(alice.devices[0]!, ghost, undefined, 'ghost'));
    expect(unknown).toMatchObject({ t: 'send_error', code: ErrorCode.UnknownAccount });
    const toSelf = await a.request(sendTo(alice.devices[0]!, alice, undefined, 'me'));
    expect(toSelf).toMatchObject({
      code: ErrorCode.MismatchedDevices,
      mismatches: [{ accountId: alice.accountId, missing: [], extra: [1], stale: [] }],
    });
  });
});
