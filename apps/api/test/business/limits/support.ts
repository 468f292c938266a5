import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { LimitsModule } from '@switchboard/business/limits/limits.module';
import { SendLimits } from '@switchboard/business/limits/send-limits';
import { parseConfig } from '@switchboard/config';
import { InfraModule, PrismaService } from '@switchboard/platform';
import { deleteByPrefix } from '@switchboard/redis';

/**
 * `count` processes' worth of LimitsModule (each its own Nest context, Redis connection and caches), like API nodes
 * and workers sharing one Redis, under a prefix of their own.
 */
export async function limitsNodes(count: number, env: Record<string, string> = {}) {
  const config = parseConfig({
    ...process.env,
    REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'sb:test:'}lim${randomBytes(3).toString('hex')}:`,
    ...env,
  });
  const apps = await Promise.all(
    Array.from({ length: count }, () =>
      NestFactory.createApplicationContext(
        { module: class LimitsTestRoot {}, imports: [InfraModule.forRoot(config, 'worker'), LimitsModule] },
        { logger: false },
      ),
    ),
  );
  return {
    config,
    limits: apps.map((a) => a.get(SendLimits)),
    prisma: apps[0]!.get(PrismaService).client,
    async close() {
      await Promise.all(apps.map((a) => a.close()));
      await deleteByPrefix(config.redis.url, config.redis.prefix).catch(() => undefined);
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The most calls any window of `windowMs` surely held: a call counts in a window only if its whole client-side span
 * [before, after] lies inside it (Redis decided at some instant in that span). So a correct limiter can never make
 * this exceed the limit, whatever the event loop's delays, and a leaky one shows.
 */
export function maxInWindow(spans: { before: number; after: number }[], windowMs: number): number {
  const sorted = [...spans].sort((a, b) => a.before - b.before);
  let max = 0;
  for (let i = 0; i < sorted.length; i++) {
    const end = sorted[i]!.before + windowMs;
    let n = 0;
    for (let j = i; j < sorted.length && sorted[j]!.before < end; j++) if (sorted[j]!.after < end) n++;
    max = Math.max(max, n);
  }
  return max;
}
