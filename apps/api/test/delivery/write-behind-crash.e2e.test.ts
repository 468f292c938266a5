import { parseConfig } from '@switchboard/config';
import { type ApiNode, startNode } from '@switchboard/testkit/api-process';
import { Fixtures } from '@switchboard/testkit/gateway/fixtures';
import { sendTo } from '@switchboard/testkit/gateway/raw-device';
import { ResilientDevice } from '@switchboard/testkit/gateway/resilient-device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// kill -9 of the node holding messages pushed to their recipients but not written yet (docs/core.md "Write-behind").
// node-a holds for 10 s, so the kill lands between the push and the write whatever the machine's load.
describe('kill -9 between push and commit', () => {
  const fx = new Fixtures(parseConfig(process.env));
  let nodes: ApiNode[] = [];
  const devices: ResilientDevice[] = [];

  beforeAll(async () => {
    nodes = await Promise.all([startNode('wb-a', { MAILBOX_WRITE_BEHIND_MS: '10000' }), startNode('wb-b')]);
  }, 120_000);
  afterAll(async () => {
    for (const d of devices) d.stop();
    await Promise.all(nodes.map((n) => n.proc.stop()));
    await fx.close();
  });

  it('loses nothing and shows nothing twice: unacked messages are resent by their senders', async () => {
    const urls = () => nodes.filter((n) => !n.proc.hasExited()).map((n) => n.ws);
    // Fewer than a connection may have waiting for answers (16, see flow-control.ts): all are pushed at once.
    const count = 12;
    const plan: { sender: ResilientDevice; receiver: ResilientDevice; ids: bigint[] }[] = [];
    for (const acking of [false, true]) {
      const s = await fx.account(1);
      const r = await fx.account(1);
      const sender = new ResilientDevice(s.devices[0]!, urls);
      const receiver = new ResilientDevice(r.devices[0]!, urls);
      receiver.acking = acking; // the first receiver takes the pushes but dies before acking them
      devices.push(sender, receiver);
      await sender.start(0);
      await receiver.start(0); // both on node-a: pushed before the write
      const frames = Array.from({ length: count }, (_, k) => sendTo(s.devices[0]!, r, s, `wb-${acking}-${k}`));
      for (const f of frames) sender.send(f);
      plan.push({ sender, receiver, ids: frames.map((f) => f.id) });
    }
    const [unacked, acked] = plan as [(typeof plan)[0], (typeof plan)[0]];
    await expect.poll(() => unacked.receiver.received.size, { timeout: 30_000 }).toBe(count);
    await expect.poll(() => acked.sender.confirmed, { timeout: 30_000 }).toBe(count);
    const stored = async (ids: bigint[]) => {
      const { rows } = await fx.db.query(
        `SELECT count(*)::int AS n FROM "MailboxMessage" WHERE "clientMessageId" = ANY($1::bigint[])`,
        [ids.map((id) => BigInt.asIntN(64, id).toString())],
      );
      return rows[0].n as number;
    };
    // Pushed and held: the first pair's messages are in their recipient's hands, unwritten and without ✓; the second
    // pair's were acked in time, so ✓ came and nothing was ever written.
    expect(await stored(unacked.ids)).toBe(0);
    expect(unacked.sender.confirmed).toBe(0);
    expect(await stored(acked.ids)).toBe(0);

    unacked.receiver.acking = true; // the same device, reconnected, acks again (its seen-list survives)
    nodes[0]!.proc.child.kill('SIGKILL');

    // The senders reconnect to node-b and resend what had no ✓; the receiver takes each message once.
    await expect.poll(() => unacked.sender.confirmed, { timeout: 60_000, interval: 250 }).toBe(count);
    for (const { sender, receiver, ids } of plan) {
      expect(sender.unconfirmed.size).toBe(0);
      expect(new Set(receiver.received.keys())).toEqual(new Set(ids));
    }
    // The resends reached the receiver a second time (raw), which it recognised: shown once.
    expect(unacked.receiver.rawRepeats).toBeGreaterThan(0);
    expect(acked.receiver.rawRepeats).toBe(0);
    console.log(
      `kill -9 between push and commit: ${2 * count} messages, 0 lost, ` +
        `${unacked.receiver.rawRepeats} raw redeliveries (deduplicated)`,
    );
  }, 120_000);
});
