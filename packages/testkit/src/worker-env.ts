import { workerDatabase } from '@switchboard/devtools/services';

/**
 * A vitest setup file for the service tiers: `npm test` gives each vitest worker a copy of the run's database
 * (packages/devtools/src/cli/database.ts, `cloneForWorkers`); here, before a file starts anything, the worker's
 * environment is pointed at its copy and at a Redis prefix of its own. Always derived from the run's values, so it
 * is the same for every file the worker runs. Without `npm test` (vitest run directly) it changes nothing.
 */
const base = process.env.SB_RUN_DATABASE_URL;
const prefix = process.env.SB_RUN_REDIS_PREFIX;
const workers = Number(process.env.SB_RUN_WORKERS);
const pool = Number(process.env.VITEST_POOL_ID);
if (base && prefix && workers > 0 && pool > 0) {
  const n = ((pool - 1) % workers) + 1;
  process.env.DATABASE_URL = workerDatabase(base, n);
  process.env.REDIS_PREFIX = `${prefix}w${n}:`;
}
