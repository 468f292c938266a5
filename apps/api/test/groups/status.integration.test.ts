import { randomBytes } from 'node:crypto';
import { parseConfig } from '@switchboard/config';
import { MailboxPurgeService } from '@switchboard/core/messaging/purge/mailbox-purge.service';
import { StatusService } from '@switchboard/core/status/status.service';
import { STATUS_TTL_MS as SERVER_TTL_MS } from '@switchboard/core/status/status-rules';
import type { ServerFrame } from '@switchboard/protocol';
import { STATUS_TTL_MS, Status, type StatusPost } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { startCoreApi } from '@switchboard/testkit/core';
import { accountOf, type GroupDevice, groupCompanion, groupDevice } from '@switchboard/testkit/devices/group-device';
import { texts } from '@switchboard/testkit/devices/sdk-device';
import { dumpPostgres, dumpRedis, forms } from '@switchboard/testkit/privacy/dumps';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Deliveries and receipts cross the server and back: on a loaded 2-core machine that takes seconds at times.
const poll = <T>(fn: () => T) => expect.poll(fn, { timeout: 20_000, interval: 25 });
const canary = (label: string) => `${label}-${randomBytes(10).toString('hex')}`;

/** An SDK device with status, recording the posts it receives and every status-list delivery frame it is sent. */
interface StatusDevice extends GroupDevice {
  status: Status;
  posts: StatusPost[];
  deliveredFrom: Set<string>;
  /** Ids of the posts whose frame carried the sender's (new) key. */
  keyed: bigint[];
}

async function statusDevice(device: GroupDevice): Promise<StatusDevice> {
  const d = device as StatusDevice;
  d.status = new Status(d.groups, d.rest);
  d.posts = [];
  d.deliveredFrom = new Set();
  d.keyed = [];
  d.status.onPost((p) => void d.posts.push(p));
  d.connection.onFrame((f) => {
    if (f.t !== 'group_deliver') return;
    d.deliveredFrom.add(f.groupId);
    if (f.distribution) d.keyed.push(f.messageId);
  });
  return d;
}

describe('status: posts to chosen contacts for 24 h (real API, Postgres, Redis, SDK devices)', {
  timeout: 90_000,
}, () => {
  const config = parseConfig(process.env);
  let api: RunningApi;
  let db: pg.Client;
  const devices: GroupDevice[] = [];
  const make = async (d: Promise<GroupDevice>) => {
    const device = await d;
    devices.push(device);
    return statusDevice(device);
  };
  /** `to`'s mailbox is in order: once a 1:1 text sent after a post arrives, the post would have arrived before it. */
  const settled = async (from: StatusDevice, to: StatusDevice) => {
    const marker = canary('marker');
    await from.messenger.sendText(accountOf(to), marker);
    await poll(() => texts(to)).toContain(marker);
  };

  beforeAll(async () => {
    api = await startCoreApi();
    db = new pg.Client({ connectionString: config.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await Promise.all(devices.map((d) => d.stop()));
    await api?.close();
  });

  it('only the audience receives; viewed-by reaches the poster; the list stays private; no plaintext at rest', async () => {
    const alice = await make(groupDevice(api));
    const aliceLaptop = await make(groupCompanion(api, alice));
    const bob = await make(groupDevice(api));
    const bobLaptop = await make(groupCompanion(api, bob));
    const carol = await make(groupDevice(api));
    const dave = await make(groupDevice(api));

    const list = await alice.status.setAudience([accountOf(bob), accountOf(carol), accountOf(alice)]);
    expect(list.accountIds.sort()).toEqual([accountOf(bob), accountOf(carol)].sort()); // one's own id is not audience
    expect(await alice.status.audience()).toEqual({ listId: list.listId, accountIds: list.accountIds });

    const first = canary('status-1');
    const sent = await alice.status.post(first);
    for (const d of [bob, bobLaptop, carol]) await poll(() => d.posts.map((p) => p.text)).toEqual([first]);
    const got = bob.posts[0]!;
    expect(got).toMatchObject({ accountId: accountOf(alice), listId: list.listId, messageId: sent.id });
    expect(got.expiresAt).toBe(got.serverTimestamp + STATUS_TTL_MS);
    // Dave is not in the audience: nothing of the list reaches him, not even a frame.
    await settled(alice, dave);
    expect(dave.deliveredFrom.has(list.listId)).toBe(false);
    expect(dave.posts).toEqual([]);
    // The poster's own other device is not shown its own post as someone's status.
    await settled(bob, aliceLaptop);
    expect(aliceLaptop.posts).toEqual([]);

    // Viewed: bob views it, carol does not; any of alice's devices reads who viewed.
    await bob.status.markViewed(accountOf(alice), [sent.id]);
    await poll(async () => (await aliceLaptop.status.viewedBy(sent.id)).map((v) => v.accountId)).toEqual([
      accountOf(bob),
    ]);
    const [viewer] = await alice.status.viewedBy(sent.id);
    expect(viewer!.viewedAt).toBeGreaterThanOrEqual(got.serverTimestamp);

    // The list is alice's alone: the audience cannot read or change it, and it is no group in anyone's list.
    await expect(bob.groups.client.get(list.listId)).rejects.toMatchObject({ status: 404 });
    await expect(bob.groups.client.history(list.listId)).rejects.toMatchObject({ status: 404 });
    await expect(alice.groups.client.addMembers(list.listId, [accountOf(dave)])).rejects.toMatchObject({
      status: 404,
    });
    await expect(alice.groups.client.createInvite(list.listId)).rejects.toMatchObject({ status: 404 });
    expect((await bob.groups.client.list()).groups.map((g) => g.id)).not.toContain(list.listId);
    expect((await alice.groups.client.list()).groups.map((g) => g.id)).not.toContain(list.listId);
    // No group events either: the audience does not learn who else is in it.
    expect(bob.groupEvents.filter((e) => e.groupId === list.listId)).toEqual([]);
    // Only the owner posts: bob's SDK cannot read the list (404), and the server refuses a GroupSend to it (403).
    await expect(bob.groups.sendText(list.listId, 'not mine')).rejects.toMatchObject({ code: 404 });
    const refusals: ServerFrame[] = [];
    bob.connection.onFrame((f) => {
      if (f.t === 'send_error' && f.id === 42n) refusals.push(f);
    });
    bob.connection.send({
      t: 'group_send',
      id: 42n,
      groupId: list.listId,
      ciphertext: randomBytes(64),
      members: [{ accountId: accountOf(alice), devices: [{ deviceId: 1, registrationId: 1 }] }],
    });
    await poll(() => refusals).toEqual([
      expect.objectContaining({ code: 403, message: expect.stringContaining('only') }),
    ]);

    // The audience changes: carol out, dave in. The next post reaches dave and not carol.
    await alice.status.setAudience([accountOf(bob), accountOf(dave)]);
    const second = canary('status-2');
    const secondSent = await alice.status.post(second);
    for (const d of [bob, dave]) await poll(() => d.posts.map((p) => p.text)).toContain(second);
    // Carol had the key: taking her out rotated it, so bob was sent a new one with the second post.
    expect(bob.keyed).toEqual([sent.id, secondSent.id]);
    await settled(alice, carol);
    expect(carol.posts.map((p) => p.text)).toEqual([first]);

    const postgres = await dumpPostgres(config.databaseUrl);
    const redis = await dumpRedis(config);
    expect(postgres).toContain(list.listId); // positive control: what is stored in the clear is found
    for (const text of [first, second])
      for (const form of forms(text)) {
        expect(postgres.includes(form), `Postgres holds "${text}" as ${form}`).toBe(false);
        expect(redis.dump.includes(form), `Redis holds "${text}" as ${form}`).toBe(false);
      }
  });

  it('a post is deleted from the server after 24 h, with who viewed it; an offline viewer never gets it', async () => {
    const alice = await make(groupDevice(api));
    const bob = await make(groupDevice(api));
    const erin = await make(groupDevice(api, undefined, { connect: false }));
    await alice.status.setAudience([accountOf(bob), accountOf(erin)]);
    const old = canary('old');
    const sent = await alice.status.post(old);
    await poll(() => bob.posts.map((p) => p.text)).toEqual([old]);
    await bob.status.markViewed(accountOf(alice), [sent.id]);
    await poll(async () => (await alice.status.viewedBy(sent.id)).length).toBe(1);

    // Erin is offline, so the post waits for her on the server, due 24 h after it was sent.
    const id = BigInt.asIntN(64, sent.id).toString();
    const find = () =>
      db.query(
        `SELECT id, "serverTimestamp", "expiresAt" FROM "MailboxMessage"
         WHERE "senderAccountId" = $1 AND "clientMessageId" = $2`,
        [accountOf(alice), id],
      );
    await poll(async () => (await find()).rowCount).toBe(1); // written once the write-behind hold ends
    const row = (await find()).rows[0];
    expect(Number(row.expiresAt) - Number(row.serverTimestamp)).toBe(SERVER_TTL_MS);

    // 24 h pass for this post alone (every other test file's rows are left as they are), and both loops run.
    await db.query(`UPDATE "MailboxMessage" SET "expiresAt" = $2 WHERE id = $1`, [row.id, Date.now() - 1000]);
    await db.query(
      `UPDATE "GroupMessage" SET "sentAt" = "sentAt" - make_interval(secs => $3)
       WHERE "senderAccountId" = $1 AND "clientMessageId" = $2`,
      [accountOf(alice), id, SERVER_TTL_MS / 1000 + 60],
    );
    expect(await api.app.get(MailboxPurgeService).expire(Date.now())).toBeGreaterThanOrEqual(1);
    expect(await api.app.get(StatusService).purge(Date.now())).toBeGreaterThanOrEqual(1);
    const left = await db.query(`SELECT 1 FROM "MailboxMessage" WHERE id = $1`, [row.id]);
    expect(left.rowCount).toBe(0);
    await expect(alice.status.viewedBy(sent.id)).rejects.toMatchObject({ status: 404 });

    // Erin comes online: the expired post is not handed to her; a later one is.
    const fresh = canary('fresh');
    await alice.status.post(fresh);
    await erin.connection.start();
    await poll(() => erin.posts.map((p) => p.text)).toEqual([fresh]);
  });

  it('bad input to the audience is a 400 in the error shape', async () => {
    const alice = await make(groupDevice(api));
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(alice.status.setAudience([unknown])).rejects.toMatchObject({ status: 400 });
    await expect(alice.status.setAudience(['not-an-id'])).rejects.toMatchObject({ status: 400 });
    await expect(alice.rest.call('PUT', '/v1/status/audience', { account_ids: [], extra: 1 })).rejects.toMatchObject({
      status: 400,
    });
    // Nothing was made by the refusals.
    expect(await alice.status.audience()).toEqual({ listId: null, accountIds: [] });
  });
});
