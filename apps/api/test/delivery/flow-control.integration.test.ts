import type { Socket } from 'node:net';
import { basicAuthorization } from '@switchboard/core/auth/credentials';
import { ErrorCode, encodeFrame } from '@switchboard/protocol';
import { gatewayTest } from '@switchboard/testkit/gateway/gateway-test';
import { is, type RawDevice, sendTo, textOf } from '@switchboard/testkit/gateway/raw-device';
import { waitFor } from '@switchboard/testkit/wait';
import { describe, expect, it } from 'vitest';

/** `count` ping frames as one write on the raw socket, WebSocket-framed and masked (zero key) by hand. */
function pingFlood(count: number): Buffer {
  const payload = Buffer.from(encodeFrame({ t: 'ping', nonce: 7 }));
  const one = Buffer.concat([Buffer.from([0x82, 0x80 | payload.length, 0, 0, 0, 0]), payload]);
  return Buffer.concat(Array.from({ length: count }, () => one));
}

const tcpOf = (d: RawDevice) => (d.socket as unknown as { _socket: Socket })._socket;

describe('flow control: a flooding device', { timeout: 60_000 }, () => {
  const t = gatewayTest();

  it('that never reads is cut off (4008) while a normal device on the same node keeps sending and receiving', async () => {
    const [alice, bob, mallory] = [await t.fx.account(1), await t.fx.account(1), await t.fx.account(1)];
    const a = await t.connect(alice.devices[0]!, { autoAck: true });
    const b = await t.connect(bob.devices[0]!, { autoAck: true });
    const m = await t.connect(mallory.devices[0]!);
    await Promise.all([a.next(is('queue_empty')), b.next(is('queue_empty')), m.next(is('queue_empty'))]);

    m.socket.pause(); // never reads what the gateway answers
    const flood = pingFlood(50_000);
    for (let i = 0; i < 4; i++) tcpOf(m).write(flood);

    const during = sendTo(alice.devices[0]!, bob, alice, 'during the flood');
    expect(await a.request(during)).toMatchObject({ t: 'send_ok' });
    const delivered = await b.next(is('deliver'));
    expect(textOf(delivered.ciphertext)).toBe('during the flood>1');

    // Reading again shows what the gateway did: about a burst's worth of pongs, then the close.
    m.socket.resume();
    const gaveUp = new Promise<{ code: number }>((r) => setTimeout(() => r({ code: 0 }), 15_000));
    expect((await Promise.race([m.closed, gaveUp])).code).toBe(4008);
    // The burst (2,000 by default), and the little that refills while the flood lasts.
    expect(m.frames.filter((f) => f.t === 'pong').length).toBeLessThan(2_500);
    expect(b.open && a.open).toBe(true);

    // It is kept out until its budget is whole again (2 s at most here: 2,000 frames at 1,000/s): reconnecting at
    // once is refused at the upgrade, before its credential is looked up — a wrong password gets the same 429.
    await expect(t.connect(mallory.devices[0]!)).rejects.toThrow('HTTP 429');
    const { accountId, deviceId } = mallory.devices[0]!;
    const guessed = { ...mallory.devices[0]!, auth: basicAuthorization({ accountId, deviceId, password: 'guess' }) };
    await expect(t.connect(guessed)).rejects.toThrow('HTTP 429');
    const back = async () =>
      t.connect(mallory.devices[0]!).then(
        () => true,
        () => false,
      );
    await waitFor(back, 'the flooder let back in after its cooldown', 10_000);
  });
});

describe('flow control: sends over the budget', { timeout: 60_000 }, () => {
  const t = gatewayTest({ GATEWAY_SEND_BURST: '5', GATEWAY_SENDS_PER_SECOND: '1' });

  it('are answered 429 and the connection stays usable', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    const sends = Array.from({ length: 8 }, (_, i) => sendTo(alice.devices[0]!, bob, alice, `s${i}`));
    for (const s of sends) a.send(s);
    const answers = await Promise.all(
      sends.map((s) => a.next((f) => (f.t === 'send_ok' || f.t === 'send_error') && f.id === s.id)),
    );
    expect(answers.filter((f) => f.t === 'send_ok')).toHaveLength(5);
    expect(answers.filter((f) => f.t === 'send_error')).toEqual(
      Array(3).fill(expect.objectContaining({ code: ErrorCode.RateLimited })),
    );
    await new Promise((r) => setTimeout(r, 1_100)); // a token back
    expect(await a.request(sendTo(alice.devices[0]!, bob, alice, 'later'))).toMatchObject({ t: 'send_ok' });
    expect(a.open).toBe(true);
  });
});
