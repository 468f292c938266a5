// Suite `groups`: one group, every member device connected (raw protocol clients), messages from random members.
// Measured: send → the last device's delivery (p50/p99, one message at a time), group messages per second with a few in
// flight, the payload copies stored per message, and what the sender uploads against the ciphertext. Sender keys are
// already shared (no distribution messages), as in a group that has been talking for a while, so the device list goes
// as a digest (docs/groups.md); the size of the same send with the full list is reported beside it.
import { randomBytes, randomInt } from 'node:crypto';
import pg from 'pg';
import { intFlag } from '../harness/flags';
import { fmt } from '../harness/log';
import { median, percentile, round } from '../harness/stats';
import type { Suite } from '../types';
import { type Arrivals, connectMember, groupSendFrame, type MemberClient } from './groups/member-clients';
import { createMembers } from './groups/members';

const CIPHERTEXT_BYTES = 160; // a short text's SenderKeyMessage is about this size

export const groupsSuite: Suite = {
  name: 'groups',
  description: 'one group (1,024 × 2 devices; quick 256 × 2), all connected: send → last device, copies stored, upload',
  options: [
    { name: 'members', description: 'member accounts (default 1024, quick 256)', takesValue: true },
    { name: 'devices', description: 'devices per member (default 2)', takesValue: true },
    { name: 'messages', description: 'messages timed one at a time (default 40, quick 12)', takesValue: true },
    { name: 'window', description: 'messages in flight for the rate (default 4)', takesValue: true },
  ],
  async run(ctx) {
    const memberCount = intFlag(ctx, 'members', ctx.quick ? 256 : 1024, 1024);
    const perAccount = intFlag(ctx, 'devices', 2, 5);
    const timed = intFlag(ctx, 'messages', ctx.quick ? 12 : 40, 10_000);
    const window = intFlag(ctx, 'window', 4, 64);
    const rateMessages = ctx.quick ? 16 : 48;

    const env = await ctx.environment();
    const secretKey = `bench-groups-${randomBytes(24).toString('hex')}`;
    // One connection per device, as for real; the load's senders stay far inside a device's budgets anyway.
    const api = await ctx.startApi({ env: { SECRET_KEY: secretKey } });
    const members = await createMembers(env.databaseUrl, secretKey, memberCount, perAccount);
    const creator = members[0]![0]!;
    const created = await fetch(`${api.url}/v1/groups`, {
      method: 'POST',
      headers: { authorization: creator.authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'bench', members: members.slice(1).map((m) => m[0]!.accountId) }),
    });
    if (!created.ok) throw new Error(`creating the group failed: ${created.status} ${await created.text()}`);
    const groupId = ((await created.json()) as { id: string }).id;

    const devices = members.flat();
    const recipients = devices.length - 1;
    const inFlight = new Map<bigint, { sentAt: number; left: number; done(ms: number): void }>();
    const answers = new Map<bigint, (ok: boolean, text: string) => void>();
    const arrivals: Arrivals = {
      onDeliver(id, at) {
        const m = inFlight.get(id);
        if (!m || --m.left > 0) return;
        inFlight.delete(id);
        m.done(at - m.sentAt);
      },
      onAnswer(id, ok, text) {
        answers.get(id)?.(ok, text);
        answers.delete(id);
      },
    };
    const clients: MemberClient[] = [];
    const wsUrl = api.url.replace(/^http/, 'ws');
    for (let i = 0; i < devices.length; i += 64) {
      const batch = devices.slice(i, i + 64);
      clients.push(...(await Promise.all(batch.map((d, k) => connectMember(wsUrl, d, i + k, arrivals)))));
    }
    ctx.cleanups.add('close member connections', async () => {
      for (const c of clients) c.close();
    });
    ctx.log(`group of ${memberCount} members × ${perAccount} devices: ${clients.length} connections open`);

    const ciphertext = randomBytes(CIPHERTEXT_BYTES);
    const uploads: number[] = [];
    const sentIds: bigint[] = [];
    let nextId = BigInt(randomInt(1, 2 ** 40)) << 16n;
    /** One message from a random member device: resolves with send → last device, in ms. */
    const send = (): Promise<number> => {
      const client = clients[randomInt(0, clients.length)]!;
      const id = nextId++;
      const frame = groupSendFrame(id, groupId, ciphertext, members, client.device);
      uploads.push(frame.length);
      sentIds.push(id);
      const delivered = new Promise<number>((resolve) => {
        inFlight.set(id, { sentAt: performance.now(), left: recipients, done: resolve });
      });
      const stored = new Promise<void>((resolve, reject) => {
        answers.set(id, (ok, text) => (ok ? resolve() : reject(new Error(`group send refused: ${text}`))));
      });
      client.ws.send(frame);
      return Promise.all([stored, delivered]).then(([, ms]) => ms);
    };
    const deadline = <T>(p: Promise<T>, ms: number) =>
      Promise.race([
        p,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no delivery to all within ${ms} ms`)), ms),
        ),
      ]);

    for (let i = 0; i < 3; i++) await deadline(send(), 60_000); // warm-up: JIT, prepared statements, pools

    const latencies: number[] = [];
    for (let i = 0; i < timed; i++) latencies.push(await deadline(send(), 60_000));
    latencies.sort((a, b) => a - b);
    ctx.log(`send → last device: p50 ${fmt(median(latencies))} ms, p99 ${fmt(percentile(latencies, 99))} ms`);

    const started = performance.now();
    let launched = 0;
    const lane = async () => {
      while (launched < rateMessages) {
        launched++;
        await deadline(send(), 120_000);
      }
    };
    await Promise.all(Array.from({ length: window }, lane));
    const rate = rateMessages / ((performance.now() - started) / 1000);
    ctx.log(
      `${rateMessages} messages, ${window} in flight: ${fmt(rate)} group msgs/s (${fmt(rate * recipients)} deliveries/s)`,
    );

    const stored = await storedCopies(env.databaseUrl, sentIds);
    const fullList = groupSendFrame(0n, groupId, ciphertext, members, clients[0]!.device, true).length;
    return {
      members: memberCount,
      devices: devices.length,
      send_to_last_device_p50_ms: round(median(latencies), 1),
      send_to_last_device_p99_ms: round(percentile(latencies, 99), 1),
      stored_payload_copies: round(stored.copies, 3),
      written_fraction: round(stored.written, 3),
      sender_upload_bytes: median(uploads),
      group_msgs_per_s: round(rate, 2),
      ciphertext_bytes: CIPHERTEXT_BYTES,
      upload_over_ciphertext: round(median(uploads) / CIPHERTEXT_BYTES, 2),
      full_device_list_upload_bytes: fullList,
      deliveries_per_s: round(rate * recipients, 0),
      timed_messages: timed,
      window,
    };
  },
};

/**
 * Payload copies per written message in Postgres — message rows holding the shared body, plus envelopes holding a
 * ciphertext of their own (a distribution message) — and the share of the run's messages written at all: with the
 * relay's write-behind a message every device acked in time is never written (docs/core.md). Counted from the
 * message rows the run stored, by the senders' client ids.
 */
async function storedCopies(databaseUrl: string, ids: bigint[]): Promise<{ copies: number; written: number }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ messages: number; bodies: number; contents: number }>(
      `SELECT count(*)::int AS messages, count(m.body)::int AS bodies,
         (SELECT count(*)::int FROM "MailboxEnvelope" e WHERE e."messageId" = ANY(array_agg(m.id)) AND e.content IS NOT NULL) AS contents
       FROM "MailboxMessage" m WHERE m.kind = 1 AND m."clientMessageId" = ANY($1::bigint[])`,
      [ids.map((id) => BigInt.asIntN(64, id).toString())],
    );
    const r = rows[0]!;
    if (r.messages > ids.length) throw new Error(`${ids.length} messages sent, ${r.messages} stored`);
    return { copies: r.messages ? (r.bodies + r.contents) / r.messages : 0, written: r.messages / ids.length };
  } finally {
    await db.end();
  }
}
