import { EnvelopeType, ErrorCode, FrameType } from '@switchboard/protocol';
import { gatewayTest } from '@switchboard/testkit/gateway/gateway-test';
import { ciphertext, is, newId, RawDevice, sendTo } from '@switchboard/testkit/gateway/raw-device';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';

describe('bad input at the gateway', () => {
  const t = gatewayTest({ MAX_ENVELOPE_BYTES: String(96 * 1024), MAX_FRAME_BYTES: String(256 * 1024) });

  async function mailboxRows(): Promise<number> {
    const { rows } = await t.fx.db.query(`SELECT (SELECT count(*) FROM "MailboxMessage")::int AS n`);
    return rows[0].n;
  }

  it('answers malformed frames with an error code and keeps the connection', async () => {
    const alice = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    const before = await mailboxRows();
    const garbage: (Uint8Array | string)[] = [
      new Uint8Array([]),
      new Uint8Array([0x99, 1, 2]), // unknown frame type
      new Uint8Array([FrameType.Deliver, 1]), // a server frame from a client
      new Uint8Array([FrameType.Send, 1, 2, 3]), // truncated
      new Uint8Array([FrameType.Ack, 1, 0x81, 0x00]), // overlong varint
      new Uint8Array([FrameType.Ack, 1, 5, 0]), // trailing byte
      '{"json":"no"}', // text frame
    ];
    for (const g of garbage) a.sendBytes(g);
    for (let i = 0; i < garbage.length; i++) {
      expect(await a.next(is('error'))).toMatchObject({ code: ErrorCode.BadFrame });
    }
    a.send({ t: 'ping', nonce: 42 });
    expect(await a.next(is('pong'))).toEqual({ t: 'pong', nonce: 42 });
    expect(await mailboxRows()).toBe(before);
  });

  it('refuses an envelope over the size cap with 413, stores nothing, and stays connected', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    const big = sendTo(alice.devices[0]!, bob, alice, 'big');
    big.groups[0]!.envelopes[0]!.ciphertext = ciphertext('big', 96 * 1024 + 1);
    expect(await a.request(big)).toMatchObject({ t: 'send_error', code: ErrorCode.TooLarge });
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(0);
    const ok = sendTo(alice.devices[0]!, bob, alice, 'small');
    expect(await a.request(ok)).toMatchObject({ t: 'send_ok' });
  });

  it('closes with 1009 on a WebSocket message over MAX_FRAME_BYTES', async () => {
    const alice = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    const envelopes = [1, 2, 3].map((deviceId) => ({
      deviceId,
      registrationId: 1,
      type: EnvelopeType.Whisper,
      ciphertext: ciphertext('x', 90 * 1024),
    }));
    a.send({ t: 'send', id: newId(), groups: [{ accountId: alice.accountId, envelopes }] });
    expect((await a.closed).code).toBe(1009);
  });

  it('refuses wrong, unknown and missing credentials at the upgrade with 401', async () => {
    const alice = await t.fx.account(1);
    const wrong = {
      ...alice.devices[0]!,
      auth: `Basic ${Buffer.from(`${alice.accountId}.1:nope`).toString('base64')}`,
    };
    const unknown = {
      ...alice.devices[0]!,
      auth: `Basic ${Buffer.from(`${alice.accountId}.7:nope`).toString('base64')}`,
    };
    await expect(RawDevice.connect(t.ws, wrong)).rejects.toThrow('HTTP 401');
    await expect(RawDevice.connect(t.ws, unknown)).rejects.toThrow('HTTP 401');
    await expect(RawDevice.connect(t.ws, { ...alice.devices[0]!, auth: '' })).rejects.toThrow('HTTP 401');
    // The credential may also come as ?auth= for clients that cannot set headers.
    const viaQuery = new WebSocket(`${t.ws}/v1/ws?auth=${encodeURIComponent(alice.devices[0]!.auth)}`);
    await new Promise((resolve, reject) => {
      viaQuery.once('open', resolve);
      viaQuery.once('error', reject);
    });
    viaQuery.terminate();
  });

  it('closes the older connection when the same device connects again (4000)', async () => {
    const alice = await t.fx.account(1);
    const first = await t.connect(alice.devices[0]!);
    await first.next(is('queue_empty'));
    const second = await t.connect(alice.devices[0]!);
    await second.next(is('queue_empty'));
    expect((await first.closed).code).toBe(4000);
    second.send({ t: 'ping', nonce: 1 });
    await second.next(is('pong'));
  });
});
