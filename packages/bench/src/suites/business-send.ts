// Suite `business-send`: the business device's send path end to end — POST /{phone_number_id}/messages accepted,
// then the worker (a process of its own) encrypts for the consumer's device with its Signal state in Postgres and
// hands the envelope to the core, which delivers it to an SDK consumer connected over WebSocket — in messages per
// second at the consumers. Measured in the same run: libsignal's raw encrypt rate (one session, in memory, this
// process), so the figure reads as a ratio on a noisy machine.
import { randomBytes } from 'node:crypto';
import {
  Connection,
  DeviceCrypto,
  type KeyUpload,
  MemoryStorage,
  Messenger,
  type RestClient as Rest,
  RestClient,
  registerWithDevCode,
} from '@switchboard/sdk';
import pg from 'pg';
import { fmt } from '../harness/log';
import { median, round } from '../harness/stats';
import type { Suite } from '../types';
import { seedApiFixture } from './api-fixture';
import { startWorkers } from './webhooks/workers';

const TEXT = 'Your order #48213 has shipped and will arrive tomorrow between 9:00 and 12:00.';

export const businessSendSuite: Suite = {
  name: 'business-send',
  description: 'accepted → encrypted → delivered to consumer devices per second, against libsignal raw encrypts',
  async run(ctx) {
    const p = ctx.quick ? { consumers: 10, perRound: 200, runs: 3 } : { consumers: 50, perRound: 2000, runs: 5 };
    const env = await ctx.environment();
    const secretKey = `bench-${randomBytes(24).toString('hex')}`;
    const fixture = await seedApiFixture(env.databaseUrl, secretKey, p.consumers);
    await unlimitedNumber(env.databaseUrl, fixture.phoneNumberId);
    const limits = {
      SECRET_KEY: secretKey,
      OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
      OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test', // consumers register with the development code endpoint
      PAIR_RATE_INTERVAL_MS: '1', // the sending limits are not what this suite measures
      PAIR_RATE_BURST: '10000',
    };
    const api = await ctx.startApi({ env: limits });
    const workerOptions = { cleanups: ctx.cleanups, verbose: ctx.verbose, log: ctx.log };
    const [worker] = await startWorkers(1, env.processEnv(limits), workerOptions);

    const businessAccount = await waitForProvisioning(env.databaseUrl, fixture.phoneNumberId);
    ctx.log(`business number provisioned as ${businessAccount}`);
    let delivered = 0;
    let firstAt: number | undefined;
    let lastAt = 0;
    const consumers = await Promise.all(
      fixture.recipients.map(async (waId) => {
        const { credentials, rest } = await registerWithDevCode(new RestClient({ baseUrl: api.url }), `+${waId}`);
        const storage = new MemoryStorage();
        const crypto = new DeviceCrypto(credentials, storage, rest);
        await crypto.publishKeys({ preKeys: 2, kyberPreKeys: 2 });
        const connection = new Connection({ baseUrl: api.url, credentials });
        const messenger = new Messenger(connection, crypto, storage);
        messenger.onMessage(() => {
          delivered++;
          lastAt = performance.now();
          firstAt ??= lastAt;
        });
        await connection.start();
        ctx.cleanups.add(`close consumer ${waId}`, () => connection.close());
        return waId;
      }),
    );
    ctx.log(`${consumers.length} consumers connected`);

    const postAll = async (n: number) => {
      for (let i = 0; i < n; i += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, n - i) }, (_, j) => post(consumers[(i + j) % consumers.length]!)),
        );
      }
    };
    const waitDelivered = async (target: number, what: string) => {
      const deadline = Date.now() + 60_000;
      while (delivered < target) {
        if (Date.now() > deadline) throw new Error(`${what}: ${delivered} of ${target} delivered in 60 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const post = (to: string) =>
      fetch(`${api.url}/v23.0/${fixture.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fixture.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', to, type: 'text', text: { body: TEXT } }),
      }).then((r) => {
        if (r.status !== 200) return r.text().then((t) => Promise.reject(new Error(`send refused: ${r.status} ${t}`)));
      });
    const round1 = async (n: number) => {
      const target = delivered + n;
      const t0 = performance.now();
      await postAll(n);
      const posted = performance.now() - t0;
      await waitDelivered(target, 'round');
      const total = performance.now() - t0;
      ctx.log(`${n} sends: accepted in ${Math.round(posted)} ms, all delivered after ${Math.round(total)} ms`);
      return n / (total / 1000);
    };

    ctx.log('warm-up: one message per consumer (sessions start)');
    await round1(consumers.length);
    const rates: number[] = [];
    const raws: number[] = [];
    for (let r = 0; r < p.runs; r++) {
      const rate = await round1(p.perRound);
      const raw = await rawEncryptRate(ctx.quick ? 1_000 : 3_000);
      rates.push(rate);
      raws.push(raw);
      ctx.log(`round ${r + 1}: ${fmt(rate)} msgs/s delivered; libsignal raw encrypt ${fmt(raw)}/s`);
    }
    const msgs = median(rates);
    const raw = median(raws);

    // The send path alone, without the API's accepting in the same seconds: a backlog accepted while no worker runs,
    // then drained by a fresh one — first to last delivery (the first batch's own encrypt time is not counted).
    const n = ctx.quick ? 1_000 : 5_000;
    await worker!.stop(8_000);
    await postAll(n);
    const target = delivered + n;
    firstAt = undefined;
    await startWorkers(1, env.processEnv(limits), workerOptions);
    await waitDelivered(target, 'backlog');
    const backlog = (n - 1) / ((lastAt - firstAt!) / 1000);
    ctx.log(`backlog of ${n}: ${fmt(backlog)} msgs/s from first to last delivery`);
    return {
      msgs_per_s: round(msgs),
      raw_encrypt_per_s: round(raw),
      ratio: round(msgs / raw, 3),
      backlog_msgs_per_s: round(backlog),
      backlog_ratio: round(backlog / raw, 3),
    };
  },
};

/** The number's own send rate far above what one machine does, so the API never answers 130429 here. */
async function unlimitedNumber(databaseUrl: string, phoneNumberId: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`UPDATE "BusinessNumber" SET "messagesPerSecond" = 1000000 WHERE "id" = $1`, [phoneNumberId]);
  } finally {
    await db.end();
  }
}

export async function waitForProvisioning(databaseUrl: string, phoneNumberId: string): Promise<string> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (const t0 = Date.now(); Date.now() - t0 < 60_000; await new Promise((r) => setTimeout(r, 200))) {
      const { rows } = await db.query(`SELECT "accountId" FROM "BusinessNumber" WHERE "id" = $1`, [phoneNumberId]);
      if (rows[0]?.accountId) return rows[0].accountId as string;
    }
    throw new Error('the business number was not provisioned within 60 s');
  } finally {
    await db.end();
  }
}

/** libsignal's own encrypt rate: one established session, memory stores, the same plaintext size as the sends. */
async function rawEncryptRate(count: number): Promise<number> {
  const bob = new DeviceCrypto({ accountId: 'bob', deviceId: 1 }, new MemoryStorage(), {} as Rest);
  const upload: KeyUpload = await bob.keys.initialUpload({ preKeys: 1, kyberPreKeys: 1 });
  const bundle = {
    device_id: 1,
    registration_id: upload.registration_id,
    identity_key: upload.identity_key,
    signed_pre_key: upload.signed_pre_key,
    pre_key: upload.pre_keys?.[0] ?? null,
    kyber_pre_key: { ...upload.kyber_pre_keys![0]!, last_resort: false },
  };
  const rest = { fetchBundles: async () => ({ account_id: 'bob', devices: [bundle] }) } as unknown as Rest;
  const alice = new DeviceCrypto({ accountId: 'alice', deviceId: 1 }, new MemoryStorage(), rest);
  await alice.ensureSessions('bob', [1]);
  const plaintext = new TextEncoder().encode(TEXT.padEnd(120, ' '));
  const to = { accountId: 'bob', deviceId: 1 };
  await alice.encrypt(to, plaintext);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await alice.encrypt(to, plaintext);
  return count / ((performance.now() - t0) / 1000);
}
