import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningApi } from '@switchboard/testkit/api';
import { newAccount, startCoreApi } from '@switchboard/testkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Address, DeviceCrypto, linkDevice, MemoryStorage, SqliteStorage, type Storage } from '../src';

const text = (s: string) => new TextEncoder().encode(s);
const read = (b: Uint8Array) => new TextDecoder().decode(b);

describe('SDK crypto: sessions from fetched bundles', () => {
  let api: RunningApi;
  const dir = mkdtempSync(join(tmpdir(), 'sb-sdk-'));
  beforeAll(async () => {
    api = await startCoreApi();
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A registered primary with published keys. */
  async function device(storage: Storage = new MemoryStorage(), sizes = { preKeys: 5, kyberPreKeys: 5 }) {
    const account = await newAccount(api);
    const crypto = new DeviceCrypto(account.credentials, storage, account.rest);
    await crypto.publishKeys(sizes);
    return { ...account, crypto, address: account.credentials as Address };
  }

  it('two devices establish a session and encrypt/decrypt both ways', async () => {
    const alice = await device();
    const bob = await device();
    expect(await alice.crypto.ensureSessions(bob.address.accountId, [1])).toEqual([1]);
    expect(await alice.crypto.ensureSessions(bob.address.accountId, [1])).toEqual([]); // already there

    const first = await alice.crypto.encrypt(bob.address, text('hello bob'));
    expect(first.type).toBe(3); // PreKey message: carries what bob needs to build the session
    expect(read(await bob.crypto.decrypt(alice.address, first.type, first.body))).toBe('hello bob');

    const reply = await bob.crypto.encrypt(alice.address, text('hi alice'));
    expect(reply.type).toBe(2); // bob already has the session
    expect(read(await alice.crypto.decrypt(bob.address, reply.type, reply.body))).toBe('hi alice');

    for (let i = 0; i < 3; i++) {
      const m = await alice.crypto.encrypt(bob.address, text(`#${i}`));
      expect(m.type).toBe(2);
      expect(read(await bob.crypto.decrypt(alice.address, m.type, m.body))).toBe(`#${i}`);
    }
    // The server never saw plaintext, and a replayed ciphertext is refused by libsignal.
    const once = await alice.crypto.encrypt(bob.address, text('once'));
    await bob.crypto.decrypt(alice.address, once.type, once.body);
    await expect(bob.crypto.decrypt(alice.address, once.type, once.body)).rejects.toThrow();
  });

  it('encrypts for every device of the recipient, and for the sender’s own other devices', async () => {
    const alice = await device();
    const bob = await device();
    const bobLaptop = await linkDevice(bob.rest, 'laptop');
    const laptopCrypto = new DeviceCrypto(bobLaptop.credentials, new MemoryStorage(), bobLaptop.rest);
    await laptopCrypto.publishKeys({ preKeys: 2, kyberPreKeys: 2 });
    const aliceTablet = await linkDevice(alice.rest);
    const tabletCrypto = new DeviceCrypto(aliceTablet.credentials, new MemoryStorage(), aliceTablet.rest);
    await tabletCrypto.publishKeys({ preKeys: 2, kyberPreKeys: 2 });

    expect(await alice.crypto.ensureSessions(bob.address.accountId, [1, 2])).toEqual([1, 2]);
    expect(await alice.crypto.ensureSessions(alice.address.accountId, [2])).toEqual([2]);
    const recipients: [Address, DeviceCrypto][] = [
      [bob.address, bob.crypto],
      [bobLaptop.credentials, laptopCrypto],
      [aliceTablet.credentials, tabletCrypto],
    ];
    for (const [address, crypto] of recipients) {
      const m = await alice.crypto.encrypt(address, text('to every device'));
      expect(read(await crypto.decrypt(alice.address, m.type, m.body))).toBe('to every device');
    }
  });

  it('works on the last-resort Kyber key when the recipient has no one-time keys left', async () => {
    const bob = await device(new MemoryStorage(), { preKeys: 0, kyberPreKeys: 0 });
    for (const sender of [await device(), await device()]) {
      await sender.crypto.ensureSessions(bob.address.accountId, [1]);
      const m = await sender.crypto.encrypt(bob.address, text('post-quantum still'));
      expect(read(await bob.crypto.decrypt(sender.address, m.type, m.body))).toBe('post-quantum still');
    }
  });

  it('keeps keys and sessions in an SQLite file across restarts', async () => {
    const path = join(dir, 'alice.db');
    const alice = await device(new SqliteStorage(path));
    const bob = await device();
    await alice.crypto.ensureSessions(bob.address.accountId, [1]);
    const m1 = await alice.crypto.encrypt(bob.address, text('before restart'));
    await bob.crypto.decrypt(alice.address, m1.type, m1.body);

    // A new process: same file, no network needed for the session.
    const restarted = new DeviceCrypto(alice.credentials, new SqliteStorage(path), alice.rest);
    expect(await restarted.registrationId()).toBe(await alice.crypto.registrationId());
    expect(await restarted.hasSession(bob.address)).toBe(true);
    const reply = await bob.crypto.encrypt(alice.address, text('after restart'));
    expect(read(await restarted.decrypt(bob.address, reply.type, reply.body))).toBe('after restart');
    const m2 = await restarted.encrypt(bob.address, text('still here'));
    expect(read(await bob.crypto.decrypt(alice.address, m2.type, m2.body))).toBe('still here');
  });

  it('serializes concurrent encryptions to one device so none reuses a message key', async () => {
    const alice = await device();
    const bob = await device();
    await alice.crypto.ensureSessions(bob.address.accountId, [1]);
    const messages = await Promise.all(
      Array.from({ length: 10 }, (_, i) => alice.crypto.encrypt(bob.address, text(`m${i}`))),
    );
    const plain = [];
    for (const m of messages) plain.push(read(await bob.crypto.decrypt(alice.address, m.type, m.body)));
    expect(plain).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
  });

  it('tops up one-time keys when the server says they run low', async () => {
    const bob = await device(new MemoryStorage(), { preKeys: 1, kyberPreKeys: 1 });
    const counts = await bob.crypto.replenishKeys({ preKeys: 20, kyberPreKeys: 20 });
    expect(counts).toMatchObject({ pre_keys: 21, kyber_pre_keys: 21, low: false });
    const alice = await device();
    await alice.crypto.ensureSessions(bob.address.accountId, [1]);
    const m = await alice.crypto.encrypt(bob.address, text('fresh keys'));
    expect(read(await bob.crypto.decrypt(alice.address, m.type, m.body))).toBe('fresh keys');
  });
});
