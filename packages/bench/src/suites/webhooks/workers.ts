// Worker processes for the webhooks suite: the real `workers/src/main.ts`, each in a process group of its own, ready
// once a job sent through the queue comes back (workers have no HTTP port to poll).

import { parseConfig } from '@switchboard/config';
import { type ProcessHandle, spawnProcess, WORKER_NODE_FLAGS } from '@switchboard/devtools';
import { JobQueues } from '@switchboard/jobs';
import pg from 'pg';
import type { Cleanups } from '../../harness/cleanup';
import { repoRoot } from '../../harness/services';

export async function startWorkers(
  count: number,
  env: NodeJS.ProcessEnv,
  options: { cleanups: Cleanups; verbose: boolean; log: (m: string) => void },
): Promise<ProcessHandle[]> {
  const handles: ProcessHandle[] = [];
  // Profiled like the suite's services (harness/services.ts) when BENCH_CPU_PROF_DIR is set.
  const profile = process.env.BENCH_CPU_PROF_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
    : [];
  for (let i = 0; i < count; i++) {
    const handle = spawnProcess(
      process.execPath,
      [...WORKER_NODE_FLAGS, ...profile, `${repoRoot}/packages/devtools/bin/run.mjs`, 'workers/src/main.ts'],
      {
        env,
        cwd: repoRoot,
        name: `workers-${i + 1}`,
        echo: options.verbose,
      },
    );
    options.cleanups.add(`stop workers-${i + 1}`, () => handle.stop(8_000));
    handles.push(handle);
  }
  const config = parseConfig(env);
  const queues = new JobQueues(config);
  const db = new pg.Client({ connectionString: config.databaseUrl });
  await db.connect();
  try {
    const t0 = Date.now();
    const job = await queues.add('echo', { text: 'ready?' });
    // A process registers in ServiceNode once its workers consume; the echo proves the queue round trip.
    const registered = async () =>
      Number((await db.query(`SELECT count(*) AS n FROM "ServiceNode" WHERE "kind" = 'worker'`)).rows[0].n);
    while ((await job.getState()) !== 'completed' || (await registered()) < count) {
      const dead = handles.find((h) => h.hasExited());
      if (dead) throw new Error(`${dead.name} exited during start:\n${dead.output()}`);
      if (Date.now() - t0 > 60_000) throw new Error('workers did not start consuming within 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    options.log(`${count} worker process(es) consuming after ${Date.now() - t0} ms`);
  } finally {
    await queues.close();
    await db.end();
  }
  return handles;
}
