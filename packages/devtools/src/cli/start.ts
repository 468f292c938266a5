import { loadConfig, parseConfig } from '@switchboard/config';
import { buildDashboardIfStale, DASHBOARD_DIR, NEXT_BIN, nextEnv } from '../dashboard';
import { readableLogLine } from '../log-format';
import { type ProcessHandle, spawnProcess, WORKER_NODE_FLAGS, waitForHttp } from '../processes';
import { ensurePostgres, ensureRedis, REPO_ROOT } from '../services';
import { ensureVapidKeys } from '../vapid';
import { prepareDatabase } from './database';

const say = (line: string) => process.stdout.write(`[switchboard] ${line}\n`);

/**
 * `npm start`: finds (or embeds) Postgres, checks Redis, generates and migrates, builds the dashboard if needed, then
 * runs API, workers and dashboard with their output prefixed. Ctrl-C / SIGTERM stops all of them (whole process
 * groups) and the embedded Postgres if it started one.
 */
export async function start(_args: string[]): Promise<void> {
  loadConfig(); // validates the environment first: a bad variable stops here with one line naming it
  let postgres: Awaited<ReturnType<typeof ensurePostgres>>;
  let redisUrl: string;
  try {
    postgres = await ensurePostgres(say);
    redisUrl = await ensureRedis();
  } catch (err) {
    process.stderr.write(`[switchboard] ${(err as Error).message}\n`);
    process.exit(1);
  }
  process.env.DATABASE_URL = postgres.url;
  process.env.REDIS_URL = redisUrl;
  // Web Push signs with a VAPID pair; a first start makes one (the API and workers inherit it from this environment).
  if (ensureVapidKeys(`${REPO_ROOT}.data/vapid.json`) === 'made')
    say('made a VAPID key pair for Web Push (.data/vapid.json)');
  const config = parseConfig(process.env);

  const children: ProcessHandle[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.all(children.map((c) => c.stop(config.shutdownGraceMs)));
    await postgres.stop();
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    await prepareDatabase(config.databaseUrl, say);
    if (await buildDashboardIfStale()) say('built the dashboard');
  } catch (err) {
    process.stderr.write(`[switchboard] ${(err as Error).message}\n`);
    await stop(1);
  }

  const run = (name: string, entry: string, flags: string[] = []) =>
    spawnProcess(process.execPath, [...flags, 'packages/devtools/bin/run.mjs', entry], {
      cwd: REPO_ROOT,
      name,
      echo: true,
      format: readableLogLine,
    });
  children.push(run('api', 'apps/api/src/main.ts'), run('workers', 'workers/src/main.ts', WORKER_NODE_FLAGS));
  children.push(
    spawnProcess(process.execPath, [NEXT_BIN, 'start', '-p', String(config.dashboard.port), '-H', config.api.host], {
      cwd: DASHBOARD_DIR,
      env: nextEnv({ API_INTERNAL_URL: config.apiInternalUrl ?? `http://${config.api.host}:${config.api.port}` }),
      name: 'dashboard',
      echo: true,
    }),
  );
  for (const child of children) {
    void child.exited.then(({ code, signal }) => {
      if (stopping) return;
      process.stderr.write(`[switchboard] ${child.name} exited (code ${code}, signal ${signal}); stopping the rest\n`);
      void stop(1);
    });
  }

  const apiUrl = `http://${config.api.host}:${config.api.port}`;
  const dashboardUrl = `http://${config.api.host}:${config.dashboard.port}`;
  try {
    await Promise.all([waitForHttp(`${apiUrl}/ready`, 60_000), waitForHttp(dashboardUrl, 60_000)]);
  } catch (err) {
    process.stderr.write(`[switchboard] did not come up: ${(err as Error).message}\n`);
    await stop(1);
  }
  say('');
  say(`API        ${apiUrl}   (health ${apiUrl}/health, readiness ${apiUrl}/ready, metrics ${apiUrl}/metrics)`);
  say(`Dashboard  ${dashboardUrl}   (the console: sign in at ${config.dashboard.publicUrl}/sign-in)`);
  say(`Postgres   ${postgres.embedded ? 'embedded, data in .data/postgres' : 'external'}; Redis ${redisUrl}`);
  say('First owner of the console: npm run admin -- bootstrap --name <business> --number <+E.164>, then');
  say('  npm run admin -- create-user <you@example.com>   (prints a one-time link where you set your password)');
  say('Ctrl-C stops everything.');
}
