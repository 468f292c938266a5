import { parseConfig } from '@switchboard/config';
import { ReceiptKind } from '@switchboard/protocol';
import { type ApiNode, startNode } from '@switchboard/testkit/api-process';
import { Fixtures } from '@switchboard/testkit/gateway/fixtures';
import { is, RawDevice, sendTo, textOf } from '@switchboard/testkit/gateway/raw-device';
import { ResilientDevice } from '@switchboard/testkit/gateway/resilient-device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Two API processes on their own ports, sharing this run's Postgres and Redis, as in production.
describe('many nodes', () => {
  const fx = new Fixtures(parseConfig(process.env));
  let nodes: ApiNode[] = [];
  const open: { terminate(): void }[] = [];
  const connect = async (
    node: ApiNode,
    ...rest: Parameters<typeof RawDevice.connect> extends [string, ...infer R] ? R : never
  ) => {
    const d = await RawDevice.connect(node.ws, ...rest);
    open.push(d);
    return d;
  };

  beforeAll(async () => {
    nodes = await Promise.all([startNode('node-a'), startNode('node-b')]);
  }, 120_000);
  afterAll(async () => {
    for (const d of open) d.terminate();
    await Promise.all(nodes.map((n) => n.proc.stop()));
    await fx.close();
  });

  it('delivers between devices on different processes, with receipts crossing back', async () => {
    const alice = await fx.account(2);
    const bob = await fx.account(1);
    const a1 = await connect(nodes[0]!, alice.devices[0]!, { autoAck: true });
    const a2 = await connect(nodes[1]!, alice.devices[1]!, { autoAck: true });
    const b = await connect(nodes[1]!, bob.devices[0]!, { autoAck: true });
    for (const d of [a1, a2, b]) await d.next(is('queue_empty'));

    const hi = sendTo(alice.devices[0]!, bob, alice, 'cross');
    expect(await a1.request(hi)).toMatchObject({ t: 'send_ok' });
    expect(textOf((await b.next(is('deliver'))).ciphertext)).toBe('cross>1');
    expect(textOf((await a2.next(is('deliver'))).ciphertext)).toBe('cross>self2');
    expect(await a1.next(is('receipt'))).toMatchObject({ kind: ReceiptKind.Delivered, messageIds: [hi.id] });

    const back = sendTo(bob.devices[0]!, alice, bob, 'back');
    await b.request(back);
    expect(textOf((await a1.next(is('deliver'))).ciphertext)).toBe('back>1');
    expect(textOf((await a2.next(is('deliver'))).ciphertext)).toBe('back>2');
  });

  it('a device connecting to another node closes its connection on the first one', async () => {
    const carol = await fx.account(1);
    const first = await connect(nodes[0]!, carol.devices[0]!);
    await first.next(is('queue_empty'));
    const second = await connect(nodes[1]!, carol.devices[0]!);
    await second.next(is('queue_empty'));
    expect((await first.closed).code).toBe(4000);
  });

  it('kill -9 of one of two nodes under load: 0 lost, 0 duplicates', async () => {
    const pairs = 6;
    const perSender = 150;
    const urls = () => nodes.filter((n) => !n.proc.hasExited()).map((n) => n.ws);
    const senders: ResilientDevice[] = [];
    const receivers: ResilientDevice[] = [];
    const plan: { from: ResilientDevice; to: ResilientDevice; frames: ReturnType<typeof sendTo>[] }[] = [];
    for (let i = 0; i < pairs; i++) {
      const s = await fx.account(1);
      const r = await fx.account(1);
      const sender = new ResilientDevice(s.devices[0]!, urls);
      const receiver = new ResilientDevice(r.devices[0]!, urls);
      await sender.start(i % 2);
      await receiver.start((i + 1) % 2); // half the traffic crosses nodes, both ways
      senders.push(sender);
      receivers.push(receiver);
      plan.push({
        from: sender,
        to: receiver,
        frames: Array.from({ length: perSender }, (_, k) => sendTo(s.devices[0]!, r, s, `k${i}-${k}`)),
      });
    }
    open.push(
      ...senders.map((d) => ({ terminate: () => d.stop() })),
      ...receivers.map((d) => ({ terminate: () => d.stop() })),
    );

    // Senders send at a steady pace; halfway, node-a dies without a chance to clean up.
    const sending = Promise.all(
      plan.map(async ({ from, frames }) => {
        for (const f of frames) {
          from.send(f);
          await new Promise((r) => setTimeout(r, 8));
        }
      }),
    );
    await new Promise((r) => setTimeout(r, (perSender * 8) / 2));
    nodes[0]!.proc.child.kill('SIGKILL');
    await sending;

    const expected = pairs * perSender;
    const delivered = () => receivers.reduce((n, r) => n + r.received.size, 0);
    const state = () =>
      `delivered ${delivered()}/${expected}, unconfirmed ${senders.map((s) => s.unconfirmed.size)}, ` +
      `errors ${[...senders, ...receivers].flatMap((d) => d.errors).join('; ')}`;
    try {
      await expect.poll(delivered, { timeout: 60_000, interval: 250 }).toBe(expected);
    } catch (err) {
      // What is missing, and where it is: unconfirmed at the sender, or stored and waiting for its device.
      for (const { to, frames } of plan) {
        const missing = frames.filter((f) => !to.received.has(f.id)).map((f) => BigInt.asIntN(64, f.id).toString());
        if (!missing.length) continue;
        const { rows } = await fx.db.query(
          `SELECT m."clientMessageId"::text AS id, e.id::text AS guid FROM "MailboxMessage" m
           LEFT JOIN "MailboxEnvelope" e ON e."messageId" = m.id WHERE m."clientMessageId" = ANY($1::bigint[])`,
          [missing],
        );
        console.log(
          `missing for ${to.device.accountId}: ${missing.length}; stored: ${JSON.stringify(rows)}; ` +
            `receiver open ${to.conn?.open}, reconnects ${to.reconnects}`,
        );
      }
      console.log(state());
      throw err;
    }
    await expect.poll(() => senders.reduce((n, s) => n + s.unconfirmed.size, 0), { timeout: 30_000 }).toBe(0);
    for (const { to, frames } of plan) {
      expect(new Set(to.received.keys())).toEqual(new Set(frames.map((f) => f.id)));
    }
    // Stored once each, whatever was resent.
    const { rows } = await fx.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT ("senderAccountId", "clientMessageId"))::int AS d
       FROM "MailboxMessage" WHERE kind = 1 AND "senderAccountId" = ANY($1::uuid[])`,
      [senders.map((s) => s.device.accountId)],
    );
    expect(rows[0].n).toBe(rows[0].d);
    const repeats = receivers.reduce((n, r) => n + r.rawRepeats, 0);
    const reconnects = [...senders, ...receivers].reduce((n, d) => n + d.reconnects, 0);
    console.log(
      `kill -9: ${expected} messages, 0 lost, ${repeats} raw redeliveries (deduplicated), ${reconnects} reconnects`,
    );
    expect(reconnects).toBeGreaterThan(0);
  }, 120_000);
});
