import { randomUUID } from 'node:crypto';
import { parseConfig } from '@switchboard/config';
import type { GroupsClient } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { failure, startCoreApi } from '@switchboard/testkit/core';
import {
  accountOf,
  eventTypes,
  type GroupDevice,
  groupCompanion,
  groupDevice,
} from '@switchboard/testkit/devices/group-device';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Deliveries, retries and receipts cross the server and back: on a loaded 2-core machine that takes seconds at times.
const poll = <T>(fn: () => T) => expect.poll(fn, { timeout: 20_000, interval: 25 });

describe('groups: state, rules and events (real API, Postgres, Redis, SDK devices)', { timeout: 60_000 }, () => {
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

  it('sends every change to every member device once, in order, offline ones later; history for members only', async () => {
    const alice = await track(groupDevice(api));
    const aliceTablet = await track(groupCompanion(api, alice));
    const bob = await track(groupDevice(api));
    const carol = await track(groupDevice(api, undefined, { connect: false })); // offline until the end
    const dave = await track(groupDevice(api));
    const admin: GroupsClient = alice.groups.client;

    const group = await admin.create({ subject: 'Hikers', members: [accountOf(bob), accountOf(carol)] });
    expect(new Map(group.members.map((m) => [m.account_id, m.role]))).toEqual(
      new Map([
        [accountOf(alice), 'admin'],
        [accountOf(bob), 'member'],
        [accountOf(carol), 'member'],
      ]),
    );
    await admin.edit(group.id, { subject: 'Hikers 2026', description: 'Sundays' });
    await admin.addMembers(group.id, [accountOf(dave)]);
    await admin.promote(group.id, accountOf(bob));
    await bob.groups.client.changeSettings(group.id, { only_admins_edit: true });
    await admin.removeMember(group.id, accountOf(dave));

    const all = ['created', 'info_changed', 'members_added', 'admin_promoted', 'settings_changed', 'member_removed'];
    for (const d of [alice, aliceTablet, bob]) await poll(() => eventTypes(d, group.id)).toEqual(all);
    // Dave heard of what happened while he was in, and of his removal; nothing after.
    await expect
      .poll(() => eventTypes(dave, group.id))
      .toEqual(['members_added', 'admin_promoted', 'settings_changed', 'member_removed']);
    expect(alice.groupEvents.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(alice.groupEvents[0]!.data).toMatchObject({ subject: 'Hikers' });

    await admin.edit(group.id, { subject: 'After Dave' });
    await carol.connection.start(); // offline throughout: everything comes now, in order, once
    await poll(() => eventTypes(carol, group.id)).toEqual([...all, 'info_changed']);
    await carol.reconnect(); // acked: nothing comes again
    await admin.edit(group.id, { description: 'Saturdays' });
    await poll(() => eventTypes(carol, group.id).length).toBe(all.length + 2);
    expect(carol.groupEvents.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await poll(() => eventTypes(dave, group.id).length).toBe(4);

    const history = await carol.groups.client.history(group.id);
    expect(history.events.map((e) => e.type)).toEqual([...all, 'info_changed', 'info_changed']);
    expect((await failure(dave.groups.client.history(group.id))).status).toBe(403);
    expect((await failure(dave.groups.client.get(group.id))).status).toBe(403);
    expect((await failure(alice.groups.client.get(randomUUID()))).status).toBe(404);
  });

  it('enforces admin-only operations and settings on the server', async () => {
    const alice = await track(groupDevice(api));
    const bob = await track(groupDevice(api));
    const carol = await track(groupDevice(api));
    const group = await alice.groups.client.create({
      subject: 'Rules',
      members: [accountOf(bob)],
      settings: { only_admins_edit: true },
    });
    const member = bob.groups.client;
    for (const refused of [
      () => member.edit(group.id, { subject: 'mine now' }),
      () => member.changeSettings(group.id, { only_admins_send: false }),
      () => member.addMembers(group.id, [accountOf(carol)]),
      () => member.removeMember(group.id, accountOf(alice)),
      () => member.promote(group.id, accountOf(bob)),
      () => member.createInvite(group.id),
    ]) {
      const err = await failure(refused());
      expect(err).toMatchObject({ status: 403, code: 10 });
      expect(err.details).toMatch(/^only group admins can /);
    }
    expect((await failure(carol.groups.client.edit(group.id, { subject: 'x' }))).details).toBe(
      'not a member of this group',
    );
    expect((await failure(alice.groups.client.demote(group.id, accountOf(alice)))).code).toBe(133023);
    expect((await failure(alice.groups.client.addMembers(group.id, [accountOf(bob)]))).code).toBe(133022);
    expect((await failure(alice.groups.client.addMembers(group.id, [randomUUID()]))).status).toBe(400);
    const after = await alice.groups.client.get(group.id);
    expect(after.subject).toBe('Rules');
    expect(after.members).toHaveLength(2);
    // The last admin leaving hands the role on.
    await alice.groups.client.leave(group.id);
    expect((await bob.groups.client.get(group.id)).members).toEqual([
      expect.objectContaining({ account_id: accountOf(bob), role: 'admin' }),
    ]);
  });

  it('invite links: join, approval, revocation and expiry', async () => {
    const alice = await track(groupDevice(api));
    const bob = await track(groupDevice(api));
    const carol = await track(groupDevice(api));
    const dave = await track(groupDevice(api));
    const group = await alice.groups.client.create({ subject: 'Open', members: [] });
    const { code } = await alice.groups.client.createInvite(group.id);
    expect(await bob.groups.client.join(code)).toEqual({ group_id: group.id, status: 'joined' });
    expect((await failure(bob.groups.client.join(code))).code).toBe(133022);

    await alice.groups.client.changeSettings(group.id, { approval_required: true });
    expect(await carol.groups.client.join(code)).toEqual({ group_id: group.id, status: 'requested' });
    expect((await failure(carol.groups.client.get(group.id))).status).toBe(403);
    expect((await failure(bob.groups.client.joinRequests(group.id))).status).toBe(403);
    expect((await alice.groups.client.joinRequests(group.id)).join_requests.map((r) => r.account_id)).toEqual([
      accountOf(carol),
    ]);
    await alice.groups.client.approve(group.id, accountOf(carol));
    expect((await carol.groups.client.get(group.id)).members.map((m) => m.account_id)).toContain(accountOf(carol));

    await alice.groups.client.revokeInvite(group.id, code);
    const revoked = await failure(dave.groups.client.join(code));
    expect(revoked).toMatchObject({ status: 410, code: 133021 });
    expect((await failure(dave.groups.client.join('AAAAAAAAAAAAAAAAAAAAAA'))).status).toBe(410);

    const expiring = await alice.groups.client.createInvite(group.id, 60);
    const db = new pg.Client({ connectionString: parseConfig(process.env).databaseUrl });
    await db.connect();
    await db
      .query(`UPDATE "GroupInvite" SET "expiresAt" = now() - interval '1 second' WHERE code = $1`, [expiring.code])
      .finally(() => db.end());
    expect((await failure(dave.groups.client.join(expiring.code))).code).toBe(133021);
    await poll(() => eventTypes(carol, group.id)).toContain('invite_revoked');
    expect(eventTypes(carol, group.id)).toEqual([
      'join_requested',
      'join_approved',
      'invite_revoked',
      'invite_created',
    ]);
  });

  it('refuses the 1,025th member with a clear error', async () => {
    const alice = await track(groupDevice(api));
    const db = new pg.Client({ connectionString: parseConfig(process.env).databaseUrl });
    await db.connect();
    // Accounts without devices are enough to be members; registering 1,024 through SMS codes would only be slow.
    const ids = Array.from({ length: 1024 }, () => randomUUID());
    await db
      .query(`INSERT INTO "Account" (id, number) SELECT id, '+999' || md5(id::text) FROM unnest($1::uuid[]) AS id`, [
        ids,
      ])
      .finally(() => db.end());
    const tooMany = await failure(alice.groups.client.create({ subject: 'Big', members: ids }));
    expect(tooMany).toMatchObject({ status: 409, code: 133020, details: 'a group has at most 1024 members' });
    const group = await alice.groups.client.create({ subject: 'Big', members: ids.slice(0, 1023) });
    expect(group.members).toHaveLength(1024);
    expect((await failure(alice.groups.client.addMembers(group.id, [ids[1023]!]))).code).toBe(133020);
    const { code } = await alice.groups.client.createInvite(group.id);
    const late = await track(groupDevice(api));
    expect((await failure(late.groups.client.join(code))).code).toBe(133020);
  });
});
