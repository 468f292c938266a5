// The bench's own corner of the shared services: a database `switchboard_bench_<id>` (created, migrated, dropped at
// the end) on the Postgres server named by DATABASE_URL, and a Redis key prefix `sb:bench:<id>:` (deleted at the end)
// on the server named by REDIS_URL.
import { randomBytes } from 'node:crypto';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, dropDatabase, withDatabase } from '@switchboard/devtools';
import { applyMigrations } from '@switchboard/prisma/scripts/migrations';
import { deleteByPrefix } from '@switchboard/redis';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Cleanups } from './cleanup';

const CONNECT_TIMEOUT_MS = 3_000;

/** Postgres or Redis cannot be reached: the runner prints the message as one line and exits non-zero. */
export class ServiceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceUnavailableError';
  }
}

export interface BenchEnvironment {
  /** Random id shared by the database name and the Redis prefix. */
  id: string;
  databaseName: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** Applied migration names. */
  migrations: string[];
  /** Environment for Switchboard processes (API, workers) pointed at this environment, on top of process.env. */
  processEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

export interface ServiceUrls {
  /** Postgres server URL with the database part still as given (replaced by the bench's own name). */
  databaseUrl: string;
  redisUrl: string;
}

export function serviceUrls(env: NodeJS.ProcessEnv = process.env): ServiceUrls {
  return { databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL, redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL };
}

/** The server part of a URL, without password or database, for messages. */
export function describeServer(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}`;
  } catch {
    return '(unparseable URL)';
  }
}

function reason(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return reason(err.errors[0]);
  const e = err as { code?: string; message?: string };
  return e?.message || e?.code || String(err);
}

/** Throws ServiceUnavailableError unless the Postgres server answers (on its `postgres` database). */
export async function checkPostgres(databaseUrl: string): Promise<void> {
  let adminUrl: string;
  try {
    adminUrl = withDatabase(databaseUrl, 'postgres');
  } catch {
    throw new ServiceUnavailableError(`DATABASE_URL is not a valid URL: expected postgresql://user@host:port/db`);
  }
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new ServiceUnavailableError(
      `cannot reach Postgres at ${describeServer(databaseUrl)} (${reason(err)}): start it or set DATABASE_URL`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** Throws ServiceUnavailableError unless Redis answers PING. */
export async function checkRedis(redisUrl: string): Promise<void> {
  let redis: Redis;
  try {
    redis = new Redis(redisUrl, {
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
  } catch (err) {
    throw new ServiceUnavailableError(`REDIS_URL is not usable (${reason(err)}): expected redis://host:port`);
  }
  // connect() rejects with a bare "Connection is closed."; the 'error' event carries the cause (ECONNREFUSED...).
  let cause: unknown;
  redis.on('error', (err) => {
    cause ??= err;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new ServiceUnavailableError(
      `cannot reach Redis at ${describeServer(redisUrl)} (${reason(cause ?? err)}): start it or set REDIS_URL`,
    );
  } finally {
    redis.disconnect();
  }
}

/**
 * Checks both services, then creates and migrates the bench database and picks the Redis prefix, registering their
 * removal with `cleanups` before creating them (so an interrupted set-up is cleaned too).
 */
export async function createEnvironment(
  cleanups: Cleanups,
  log: (message: string) => void,
  source: NodeJS.ProcessEnv = process.env,
): Promise<BenchEnvironment> {
  const urls = serviceUrls(source);
  await Promise.all([checkPostgres(urls.databaseUrl), checkRedis(urls.redisUrl)]);

  const id = randomBytes(4).toString('hex');
  const databaseName = `switchboard_bench_${id}`;
  const databaseUrl = withDatabase(urls.databaseUrl, databaseName);
  const redisPrefix = `sb:bench:${id}:`;

  cleanups.add(`delete Redis keys ${redisPrefix}*`, async () => {
    const n = await deleteByPrefix(urls.redisUrl, redisPrefix);
    log(`deleted ${n} Redis key(s) under ${redisPrefix}`);
  });
  cleanups.add(`drop database ${databaseName}`, async () => {
    await dropDatabase(databaseUrl);
    log(`dropped database ${databaseName}`);
  });

  const t0 = Date.now();
  log(`creating database ${databaseName} on ${describeServer(urls.databaseUrl)} and applying migrations`);
  const migrations = await applyMigrations(databaseUrl);
  log(
    `database ready: ${migrations.length} migration(s) applied in ${Date.now() - t0} ms; Redis prefix ${redisPrefix}`,
  );

  return {
    id,
    databaseName,
    databaseUrl,
    redisUrl: urls.redisUrl,
    redisPrefix,
    migrations,
    processEnv: (extra = {}) => ({
      ...source,
      NODE_ENV: 'production',
      SECRET_KEY: `bench-${randomBytes(24).toString('hex')}`,
      DATABASE_URL: databaseUrl,
      REDIS_URL: urls.redisUrl,
      REDIS_PREFIX: redisPrefix,
      ...extra,
    }),
  };
}
