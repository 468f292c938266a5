import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { generateClient } from '@switchboard/prisma/scripts/generate';
import { deleteByPrefix } from '@switchboard/redis';
import { buildDashboardIfStale } from '../dashboard';
import { dropDatabase, ensurePostgres, ensureRedis, REPO_ROOT, withDatabase } from '../services';
import { TIERS, type Tier } from '../tiers';
import { ensureChromium } from './chromium';
import { cloneForWorkers, prepareDatabase } from './database';

const log = (line: string) => process.stderr.write(`[test] ${line}\n`);
const bin = (name: string) => `${REPO_ROOT}node_modules/.bin/${name}`;

/**
 * Type check, lint, the workspace import check (no relative import leaves its workspace; every @switchboard/* import
 * is declared) and the OpenAPI lint: cheap, and a failure here would fail review anyway.
 */
const STATIC_CHECKS: [string, string, string[]][] = [
  ['tsc', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['biome', bin('biome'), ['check', '.']],
  ['imports', process.execPath, ['packages/devtools/bin/run.mjs', 'packages/devtools/src/imports/check.ts']],
  ['redocly', bin('redocly'), ['lint', 'openapi.yaml', '--format', 'summary']],
];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  return spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit', env }).status ?? 1;
}

/** `--tier <name>` (repeatable) picks vitest projects; every other argument goes to vitest (a file filter, say). */
export function parseTestArgs(args: string[]): { tiers: Tier[]; vitest: string[] } {
  const tiers: Tier[] = [];
  const vitest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = arg === '--tier' ? args[++i] : arg.startsWith('--tier=') ? arg.slice(7) : undefined;
    if (value === undefined) vitest.push(arg);
    else if (TIERS.includes(value as Tier)) tiers.push(value as Tier);
    else throw new Error(`--tier takes one of ${TIERS.join(', ')}; got ${value ?? 'nothing'}`);
  }
  return { tiers, vitest };
}

const projects = (tiers: Tier[]) => tiers.flatMap((t) => ['--project', t]);

/**
 * How many integration and e2e files run at once. vitest's default (cores − 1) is 1 on a 2-core machine, but these
 * files spend most of their time waiting on Postgres, Redis, sockets and child processes, not computing: 3 at a time
 * roughly halves the suite there. Each worker has its own copy of the database and its own Redis prefix
 * (`cloneForWorkers`), so files that run at once never see each other's rows. `TEST_WORKERS` overrides it.
 */
function serviceWorkers(): number {
  const wanted = Number(process.env.TEST_WORKERS);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : 3;
}

/**
 * The suite, tier by tier. With no arguments: the static checks, then the unit tier (no services: it fails fast and
 * creates no database), then the integration and e2e tiers together against real Postgres and Redis, in a database
 * and a Redis prefix of this run's own, both removed afterwards. `--tier <name>` runs that tier only; other arguments
 * are passed to vitest (a file filter, for example), and with arguments the static checks are skipped.
 */
export async function runTests(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseTestArgs>;
  try {
    parsed = parseTestArgs(args);
  } catch (err) {
    log((err as Error).message);
    return 64; // EX_USAGE, as the other command-line tools answer bad arguments
  }
  const { tiers, vitest } = parsed;
  const everything = !args.length;
  // The type check needs the generated Prisma client, so generation comes first.
  if (await generateClient()) log('generated the Prisma client');
  if (everything) {
    for (const [name, cmd, a] of STATIC_CHECKS) {
      log(`${name} ${a.join(' ')}`);
      if (run(cmd, a) !== 0) return 1;
    }
  }
  const wanted: Tier[] = tiers.length ? tiers : [...TIERS];
  if (everything || (wanted.length === 1 && wanted[0] === 'unit')) {
    log('unit tier');
    const code = run(bin('vitest'), ['run', ...projects(['unit']), ...vitest], {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    if (code !== 0 || !everything) return code;
  }
  const withServices: Tier[] = everything ? ['integration', 'e2e'] : wanted;
  if (withServices.includes('e2e')) ensureChromium(log);
  const postgres = await ensurePostgres(log);
  const redisUrl = await ensureRedis();
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = withDatabase(postgres.url, `switchboard_test_${runId}`);
  const redisPrefix = `sb:test:${runId}:`;
  const workers = serviceWorkers();
  let workerDatabases: string[] = [];
  const cleanup = async () => {
    for (const url of [...workerDatabases, databaseUrl]) {
      await dropDatabase(url).catch((err) => log(`could not drop a test database: ${err.message}`));
    }
    await deleteByPrefix(redisUrl, redisPrefix).catch((err) => log(`could not delete test keys: ${err.message}`));
    await postgres.stop();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    log(`${withServices.join(' + ')}: database ${new URL(databaseUrl).pathname.slice(1)}, redis prefix ${redisPrefix}`);
    await prepareDatabase(databaseUrl, log);
    workerDatabases = await cloneForWorkers(databaseUrl, workers);
    log(`${workers} vitest workers, each with its own copy of the database and Redis prefix`);
    // Built once here: several test files serve the dashboard, and two `next build`s in one folder would collide.
    if (withServices.includes('e2e') && (await buildDashboardIfStale())) log('built the dashboard');
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
      // Read by packages/testkit/src/worker-env.ts in each vitest worker: it moves the worker to its own copy.
      SB_RUN_DATABASE_URL: databaseUrl,
      SB_RUN_REDIS_PREFIX: redisPrefix,
      SB_RUN_WORKERS: String(workers),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // Test files share the run's database, and a campaign sweep acts on every campaign in it: only the campaign
      // tests' own workers (in scratch databases of their own) sweep.
      CAMPAIGNS_SWEEP: 'off',
    };
    return run(bin('vitest'), ['run', ...projects(withServices), `--maxWorkers=${workers}`, ...vitest], env);
  } finally {
    await cleanup();
  }
}
