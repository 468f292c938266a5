// Suite `sdk-receive`: how fast an SDK device takes in a backlog (decrypt, store the session and the seen list,
// acknowledge) with each kind of storage: in memory (the ceiling) and in an SQLite file. Messages per second at the
// receiver, medians over several rounds; the memory figure is the same run's baseline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Connection,
  DeviceCrypto,
  MemoryStorage,
  Messenger,
  RestClient,
  registerWithDevCode,
  SqliteStorage,
  type Storage,
} from '@switchboard/sdk';
import { median, round } from '../harness/stats';
import type { Suite } from '../types';

const number = () => `+4474${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

export const sdkReceiveSuite: Suite = {
  name: 'sdk-receive',
  description: 'a backlog taken in by an SDK device, messages per second, memory vs SQLite storage',
  async run(ctx) {
    const p = ctx.quick ? { messages: 300, rounds: 3 } : { messages: 1000, rounds: 5 };
    const api = await ctx.startApi({
      env: {
        OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
        OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'sb-sdk-receive-'));
    ctx.cleanups.add('remove the storage files', () => rmSync(dir, { recursive: true, force: true }));
    const device = async (storage: Storage) => {
      const { credentials, rest } = await registerWithDevCode(new RestClient({ baseUrl: api.url }), number());
      const crypto = new DeviceCrypto(credentials, storage, rest);
      await crypto.publishKeys({ preKeys: 100, kyberPreKeys: 100 }); // a realistic store, not an empty one
      const connection = new Connection({ baseUrl: api.url, credentials });
      return { credentials, connection, messenger: new Messenger(connection, crypto, storage) };
    };

    /** One round: `messages` stored while the receiver is offline, then the time it takes to receive them all. */
    const round1 = async (storage: Storage) => {
      const sender = await device(new MemoryStorage());
      const receiver = await device(storage);
      await sender.connection.start();
      for (let i = 0; i < p.messages; i++) await sender.messenger.sendText(receiver.credentials.accountId, `m${i}`);
      let received = 0;
      const done = new Promise<void>((resolve) =>
        receiver.messenger.onMessage(() => {
          if (++received === p.messages) resolve();
        }),
      );
      const started = performance.now();
      await receiver.connection.start();
      await done;
      const rate = p.messages / ((performance.now() - started) / 1000);
      await Promise.all([sender.connection.close(), receiver.connection.close()]);
      return rate;
    };

    const kinds: Record<string, (round: number) => Storage> = {
      memory: () => new MemoryStorage(),
      sqlite: (r) => new SqliteStorage(join(dir, `sqlite-${r}.db`)),
    };
    const figures: Record<string, number> = { messages: p.messages };
    for (const [kind, make] of Object.entries(kinds)) {
      const rates = [];
      for (let r = 0; r < p.rounds; r++) rates.push(await round1(make(r)));
      figures[`${kind}_msg_per_s`] = round(median(rates), 0);
      ctx.log(`${kind}: ${rates.map((x) => round(x, 0)).join(', ')} msg/s`);
    }
    figures.sqlite_vs_memory = round(figures.sqlite_msg_per_s! / figures.memory_msg_per_s!, 2);
    return figures;
  },
};
