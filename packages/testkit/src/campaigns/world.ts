import { randomBytes, randomInt } from 'node:crypto';
import { parseConfig } from '@switchboard/config';
import { createPrisma, type PrismaClient } from '@switchboard/db';
import { type ProcessHandle, REPO_ROOT, spawnProcess, WORKER_NODE_FLAGS } from '@switchboard/devtools';
import { applyMigrations, createDatabaseIfMissing } from '@switchboard/prisma/scripts/migrations';
import { deleteByPrefix } from '@switchboard/redis';
import { scratchDatabases } from '../databases';

/**
 * A world of its own for campaign tests: a scratch database (so the campaign sweepers of other test files' workers,
 * which see every RUNNING campaign of their database, never touch these campaigns), a Redis prefix, and real worker
 * processes (workers/src/main.ts) started and killed at will.
 */
export interface CampaignWorld {
  databaseUrl: string;
  redisPrefix: string;
  prisma: PrismaClient;
  /** Deletes every key of this world, as a restart of a Redis that keeps nothing on disk would. */
  flushRedis(): Promise<number>;
  startWorker(env?: Record<string, string>): ProcessHandle;
  close(): Promise<void>;
}

export async function campaignWorld(label: string): Promise<CampaignWorld> {
  const scratch = scratchDatabases();
  const databaseUrl = scratch.url(label);
  await createDatabaseIfMissing(databaseUrl);
  await applyMigrations(databaseUrl);
  const redisPrefix = `${process.env.REDIS_PREFIX ?? 'sb:test:'}${label}${randomBytes(3).toString('hex')}:`;
  const config = parseConfig({ ...process.env, DATABASE_URL: databaseUrl, REDIS_PREFIX: redisPrefix });
  const prisma = createPrisma(databaseUrl);
  const workers: ProcessHandle[] = [];
  return {
    databaseUrl,
    redisPrefix,
    prisma,
    flushRedis: () => deleteByPrefix(config.redis.url, redisPrefix),
    startWorker(env = {}) {
      const proc = spawnProcess(
        process.execPath,
        [...WORKER_NODE_FLAGS, 'packages/devtools/bin/run.mjs', 'workers/src/main.ts'],
        {
          cwd: REPO_ROOT,
          name: `worker-${workers.length}`,
          env: {
            ...process.env,
            DATABASE_URL: databaseUrl,
            REDIS_PREFIX: redisPrefix,
            BUSINESS_DEVICE: 'off',
            CAMPAIGNS_SWEEP: 'on',
            LOG_LEVEL: 'warn',
            ...env,
          },
        },
      );
      workers.push(proc);
      return proc;
    },
    async close() {
      await Promise.all(workers.map((w) => w.stop(5_000)));
      await prisma.$disconnect();
      await deleteByPrefix(config.redis.url, redisPrefix).catch(() => undefined);
      await scratch.dropAll();
    },
  };
}

export interface Seeded {
  businessId: string;
  phoneNumberId: string;
  templateName: string;
}

let seq = 0;
const id = () => `${Date.now()}${String(++seq).padStart(3, '0')}`.slice(-16);

/** A business with one number at `rate` msgs/s and one approved MARKETING template with one body variable. */
export async function seedBusiness(
  prisma: PrismaClient,
  opts: { rate: number; tier?: 'TIER_250' | 'TIER_2K' | 'TIER_UNLIMITED' },
): Promise<Seeded> {
  const businessId = id();
  const phoneNumberId = id();
  await prisma.business.create({
    data: {
      id: businessId,
      name: 'Campaign Co',
      templateNamespace: `ns_${businessId}`,
      messagingLimitTier: opts.tier ?? 'TIER_UNLIMITED',
    },
  });
  await prisma.businessNumber.create({
    data: {
      id: phoneNumberId,
      businessId,
      phoneNumber: `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`,
      verifiedName: 'Campaign Co',
      messagesPerSecond: opts.rate,
    },
  });
  const templateName = 'spring_sale';
  await prisma.messageTemplate.create({
    data: {
      id: id(),
      businessId,
      name: templateName,
      language: 'en_US',
      category: 'MARKETING',
      parameterFormat: 'POSITIONAL',
      status: 'APPROVED',
      components: [
        { type: 'BODY', text: 'Hi {{1}}, the spring sale starts today.', example: { body_text: [['Ana']] } },
      ],
    },
  });
  return { businessId, phoneNumberId, templateName };
}

/** wa_ids 1 800 000 0000 + i: valid North American numbers, distinct per campaign. */
export const waIdOf = (base: number, i: number) => `1800${String(base + i).padStart(7, '0')}`;

/** A RUNNING campaign with `n` PENDING recipients (the ledger as the campaign API builds it), inserted in bulk. */
export async function seedCampaign(
  prisma: PrismaClient,
  s: Seeded,
  n: number,
  opts: { base?: number; status?: 'RUNNING' | 'DRAFT'; variables?: (i: number) => Record<string, unknown> } = {},
): Promise<string> {
  const campaignId = id();
  await prisma.campaign.create({
    data: {
      id: campaignId,
      businessId: s.businessId,
      phoneNumberId: s.phoneNumberId,
      name: 'Spring',
      templateName: s.templateName,
      templateLanguage: 'en_US',
      components: [{ type: 'body', parameters: [{ type: 'text', text: '{{first_name}}' }] }],
      audience: { csv: { rows: n } },
      status: opts.status ?? 'RUNNING',
      startedAt: new Date(),
      recipientCount: n,
    },
  });
  const base = opts.base ?? 0;
  const vars = opts.variables ?? ((i: number) => ({ first_name: `Friend${i}` }));
  for (let from = 0; from < n; from += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, n - from) }, (_, k) => from + k);
    await prisma.$executeRawUnsafe(
      `INSERT INTO "CampaignRecipient" ("campaignId", "seq", "input", "waId", "variables")
       SELECT $1, s, w, w, v::jsonb FROM unnest($2::int[], $3::text[], $4::text[]) AS t(s, w, v)`,
      campaignId,
      rows.map((i) => i + 1),
      rows.map((i) => waIdOf(base, i)),
      rows.map((i) => JSON.stringify(vars(i))),
    );
  }
  return campaignId;
}

/** The largest number of messages of a campaign logged within any 1-second window (sliding, 1 ms steps). */
export function maxPerSecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < t.length; hi++) {
    while (t[hi]! - t[lo]! >= 1000) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}
