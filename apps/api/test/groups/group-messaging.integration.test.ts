import { randomBytes } from 'node:crypto';
import { parseConfig } from '@switchboard/config';
import { GroupReceipts } from '@switchboard/core/groups/group-receipts';
import type { GroupDeliverFrame } from '@switchboard/protocol';
import { SendRefusedError } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { startCoreApi } from '@switchboard/testkit/core';
import {
  accountOf,
  eventTypes,
  type GroupDevice,
  groupCompanion,
  groupDevice,
  groupTexts,
} from '@switchboard/testkit/devices/group-device';
import { dumpPostgres, dumpRedis, forms } from '@switchboard/testkit/privacy/dumps';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Deliveries, retries and receipts cross the server and back: on a loaded 2-core machine that takes seconds at times.
const poll = <T>(fn: () => T) => expect.poll(fn, { timeout: 20_000, interval: 25 });

const canary = (label: string) => `${label}-${randomBytes(10).toString('hex')}`;

describe('group messages with sender keys (real API, Postgres, Redis, SDK devices)', { timeout: 90_000 }, () => {
  const config = parseConfig(process.env);
  let api: RunningApi;
  const devices: GroupDevice[] = [];
  const track = async (d: Promise<GroupDevice>) => {
    const device = await d;
    devices.push(device);
    return device;
  };
  beforeAll(async () => {
    api = await startCoreApi();
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await api.close();
  });

  it('5 accounts with companions: stored once, in order, the offline member later; receipts; no plaintext at rest', async () => {
    const primaries = [];
    for (let i = 0; i < 5; i++) primaries.push(await track(groupDevice(api, undefined, { connect: i < 4 })));
    const companions = [];
    for (const [i, p] of primaries.entries()) companions.push(await track(groupCompanion(api, p, { connect: i < 4 })));
    const [alice, bob, carol] = primaries as [GroupDevice, GroupDevice, GroupDevice, GroupDevice, GroupDevice];
    const erin = [primaries[4]!, companions[4]!]; // offline until the end
    const group = await alice.groups.client.create({ subject: 'Five', members: primaries.slice(1).map(accountOf) });

    const texts = [canary('a1'), canary('b1'), canary('c1'), canary('a2')];
    const senders = [alice, bob, carol, alice];
    const sent = [];
    for (const [i, text] of texts.entries()) sent.push(await senders[i]!.groups.sendText(group.id, text));

    const online = [...primaries.slice(0, 4), ...companions.slice(0, 4)];
    for (const d of online) {
      // Every device gets every message but the ones its own device sent, in order.
      const expected = texts.filter((_, i) => senders[i] !== d);
      await poll(() => groupTexts(d, group.id)).toEqual(expected);
    }
    expect(companions[0]!.groupInbox.map((m) => m.messageId)).toEqual(sent.map((s) => s.id));

    // Stored once: one shared body per message, one small envelope per recipient device.
    const db = new pg.Client({ connectionString: config.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT m.id, length(m.body) AS body, count(e.id)::int AS envelopes, max(length(e.content)) AS largest
         FROM "MailboxMessage" m LEFT JOIN "MailboxEnvelope" e ON e."messageId" = m.id
         WHERE m.kind = 1 AND m.body IS NOT NULL AND m."senderAccountId" = $1 GROUP BY m.id ORDER BY m.id`,
        [accountOf(alice)],
      );
      expect(rows).toHaveLength(2);
      // Erin's two devices still wait for both; each of her envelopes holds at most a distribution message.
      for (const r of rows) expect(r.envelopes).toBe(2);
    } finally {
      await db.end();
    }

    const postgres = await dumpPostgres(config.databaseUrl);
    const redis = await dumpRedis(config);
    expect(postgres).toContain(group.id); // positive control: what is stored in the clear is found
    for (const text of texts) {
      for (const form of forms(text)) {
        expect(postgres.includes(form), `Postgres holds "${text}" as ${form}`).toBe(false);
        expect(redis.dump.includes(form), `Redis holds "${text}" as ${form}`).toBe(false);
      }
    }

    const first = sent[0]!.id;
    // The online members' receipts reach alice before her ✓ (write-behind settles a message by its acks first).
    const delivered = () => alice.groups.messageInfo(first)?.members.filter((m) => m.deliveredAt !== undefined);
    await poll(() =>
      delivered()
        ?.map((m) => m.accountId)
        .sort(),
    ).toEqual(primaries.slice(1, 4).map(accountOf).sort());
    expect(alice.groups.messageInfo(first)?.deliveredToAll).toBe(false); // erin has not got it
    // The server's message info, read by alice's other device: the same, from acks settled before any write.
    const aliceLaptop = companions[0]!;
    const serverInfo = () => aliceLaptop.groups.client.messageInfo(group.id, first);
    const deliveredOnServer = async () =>
      (await serverInfo()).members.flatMap((m) => (m.delivered_at ? [m.account_id] : [])).sort();
    await poll(deliveredOnServer).toEqual(primaries.slice(1, 4).map(accountOf).sort());
    expect(await serverInfo()).toMatchObject({
      message_id: String(first),
      delivered_to_all: false,
      read_by_all: false,
    });
    expect((await serverInfo()).members.map((m) => m.account_id).sort()).toEqual(
      primaries.slice(1).map(accountOf).sort(),
    );
    for (const d of erin) await d.connection.start();
    for (const d of erin) await poll(() => groupTexts(d, group.id)).toEqual(texts);
    expect(eventTypes(erin[0]!, group.id)).toEqual(['created']);
    await poll(() => alice.groups.messageInfo(first)?.deliveredToAll).toBe(true);
    await bob.groups.markRead(accountOf(alice), [first]);
    await expect
      .poll(() => alice.groups.messageInfo(first)?.members.find((m) => m.accountId === accountOf(bob))?.readAt)
      .toBeGreaterThan(0);
    expect(alice.groups.messageInfo(first)?.readByAll).toBe(false);
    // On the server too: erin's acks of stored envelopes count, and bob's read.
    await poll(async () => (await serverInfo()).delivered_to_all).toBe(true);
    await poll(async () => (await serverInfo()).members.find((m) => m.account_id === accountOf(bob))?.read_at).toEqual(
      expect.any(String),
    );
    expect((await serverInfo()).read_by_all).toBe(false);
    // Only the sender's account may read it; an unknown id is unknown; a malformed one is a 400.
    await expect(bob.groups.client.messageInfo(group.id, first)).rejects.toMatchObject({ status: 404 });
    await expect(aliceLaptop.groups.client.messageInfo(group.id, first + 1n)).rejects.toMatchObject({ status: 404 });
    await expect(
      aliceLaptop.rest.call('GET', `/v1/groups/${group.id}/messages/not-a-number/info`),
    ).rejects.toMatchObject({ status: 400, code: 100 });
  });

  it('a removed member receives nothing after; the others rotate their sender keys', async () => {
    const alice = await track(groupDevice(api));
    const bob = await track(groupDevice(api));
    const bobLaptop = await track(groupCompanion(api, bob));
    const carol = await track(groupDevice(api));
    const frames: GroupDeliverFrame[] = [];
    carol.connection.onFrame((f) => void (f.t === 'group_deliver' && frames.push(f)));
    const group = await alice.groups.client.create({ subject: 'Three', members: [accountOf(bob), accountOf(carol)] });
    await alice.groups.sendText(group.id, 'before-a');
    await bob.groups.sendText(group.id, 'before-b');
    await poll(() => groupTexts(carol, group.id)).toEqual(['before-a', 'before-b']);
    await alice.groups.sendText(group.id, 'again-a'); // alice's key is shared: no distribution now
    await poll(() => frames.length).toBe(3);
    expect(frames.map((f) => f.distribution !== undefined)).toEqual([true, true, false]);

    await alice.groups.client.removeMember(group.id, accountOf(bob));
    for (const d of [alice, carol, bob, bobLaptop])
      await poll(() => eventTypes(d, group.id).at(-1)).toBe('member_removed');
    const afterA = canary('after-a');
    const afterC = canary('after-c');
    await alice.groups.sendText(group.id, afterA);
    await carol.groups.sendText(group.id, afterC);
    await poll(() => groupTexts(carol, group.id).at(-1)).toBe(afterA);
    await poll(() => groupTexts(alice, group.id).at(-1)).toBe(afterC);
    // Alice rotated: her next message carries a new key for carol, though carol had her old one.
    expect(frames.at(-1)).toMatchObject({ senderAccountId: accountOf(alice) });
    expect(frames.at(-1)!.distribution).toBeDefined();
    // Bob is still connected and would have been pushed anything addressed to him; he is no longer a member at all.
    await bob.groups.sendText(group.id, 'let me back').then(
      () => expect.unreachable(),
      (err) => expect(err).toMatchObject({ code: 403 }),
    );
    for (const d of [bob, bobLaptop]) expect(groupTexts(d, group.id)).not.toContain(afterA);
    for (const d of [bob, bobLaptop]) expect(groupTexts(d, group.id)).not.toContain(afterC);
  });

  it('a device that lost a distribution message asks for a retry and shows the message once', async () => {
    const alice = await track(groupDevice(api));
    const bob = await track(groupDevice(api));
    const laptop = await track(groupCompanion(api, bob));
    const group = await alice.groups.client.create({ subject: 'Retry', members: [accountOf(bob)] });
    await alice.groups.sendText(group.id, 'one');
    for (const d of [bob, laptop]) await poll(() => groupTexts(d, group.id)).toEqual(['one']);

    // Bob's primary loses alice's sender key (as if the distribution never arrived).
    for (const k of bob.storage.keys(`groups:sender-key:${accountOf(alice)}.`)) bob.storage.delete(k);
    const two = await alice.groups.sendText(group.id, 'two');
    await poll(() => groupTexts(bob, group.id)).toEqual(['one', 'two']);
    expect(bob.groupInbox[1]).toMatchObject({ messageId: two.id, text: 'two' });
    expect(bob.undecryptable).toEqual([two.id]);
    await alice.groups.sendText(group.id, 'three');
    for (const d of [bob, laptop]) await poll(() => groupTexts(d, group.id).at(-1)).toBe('three');
    expect(groupTexts(laptop, group.id)).toEqual(['one', 'two', 'three']); // the laptop dropped the resent copy
    expect(groupTexts(bob, group.id)).toEqual(['one', 'two', 'three']);
  });

  it('only admins send when the setting is on', async () => {
    const alice = await track(groupDevice(api));
    const bob = await track(groupDevice(api));
    const group = await alice.groups.client.create({
      subject: 'Announcements',
      members: [accountOf(bob)],
      settings: { only_admins_send: true },
    });
    const refused = await bob.groups.sendText(group.id, 'me too').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SendRefusedError);
    expect(refused).toMatchObject({ code: 403, message: expect.stringContaining('only admins') });
    await alice.groups.sendText(group.id, 'news');
    await poll(() => groupTexts(bob, group.id)).toEqual(['news']);
  });

  it('message info is kept while the message can be delivered, then purged by its loop', async () => {
    const alice = await track(groupDevice(api));
    const bob = await track(groupDevice(api));
    const group = await alice.groups.client.create({ subject: 'Old news', members: [accountOf(bob)] });
    const old = await alice.groups.sendText(group.id, 'old');
    const fresh = await alice.groups.sendText(group.id, 'fresh');
    await poll(async () => (await alice.groups.client.messageInfo(group.id, old.id)).delivered_to_all).toBe(true);
    const db = new pg.Client({ connectionString: config.databaseUrl });
    await db.connect();
    try {
      // Only this message is made older than the mailbox keeps envelopes: the pass leaves every other file's alone.
      const ttl = config.messaging.envelopeTtlSeconds;
      await db.query(
        `UPDATE "GroupMessage" SET "sentAt" = "sentAt" - make_interval(secs => $3)
         WHERE "senderAccountId" = $1 AND "clientMessageId" = $2`,
        [accountOf(alice), BigInt.asIntN(64, old.id).toString(), ttl + 60],
      );
      expect(await api.app.get(GroupReceipts).purge(Date.now())).toBeGreaterThanOrEqual(1);
      await expect(alice.groups.client.messageInfo(group.id, old.id)).rejects.toMatchObject({ status: 404 });
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM "GroupMessageReceipt" WHERE "senderAccountId" = $1 AND "clientMessageId" = $2`,
        [accountOf(alice), BigInt.asIntN(64, old.id).toString()],
      );
      expect(rows[0].n).toBe(0);
      expect(await alice.groups.client.messageInfo(group.id, fresh.id)).toMatchObject({ message_id: String(fresh.id) });
    } finally {
      await db.end();
    }
  });
});
