// Switchboard processes under test, each started in a process group of its own (so stopping it also stops whatever
// it started) and stopped at the end of the run or on Ctrl-C.
import { fileURLToPath } from 'node:url';
import { freePort, type ProcessHandle, spawnProcess, waitForHttp } from '@switchboard/devtools';
import type { Cleanups } from './cleanup';
import type { BenchEnvironment } from './environment';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');
const runTs = `${repoRoot}/packages/devtools/bin/run.mjs`;

export interface StartServiceOptions {
  name: string;
  /** TypeScript (or JavaScript) entry point, relative to the repository root. */
  entry: string;
  args?: string[];
  /** The whole environment of the child. */
  env: NodeJS.ProcessEnv;
  /** The port the service will listen on (given to it through env by the caller). */
  port: number;
  /** Path polled until it answers 2xx, e.g. "/ready". */
  readyPath: string;
  readyTimeoutMs?: number;
  /** Grace between SIGTERM and SIGKILL when stopping. */
  stopGraceMs?: number;
  /** Open-file limit (soft and hard) of the child, for a node holding many connections; raised by the shell. */
  fileLimit?: number;
  cleanups: Cleanups;
  verbose: boolean;
  log: (message: string) => void;
}

export interface StartedService {
  name: string;
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  handle: ProcessHandle;
  stop(): Promise<void>;
}

export async function startService(options: StartServiceOptions): Promise<StartedService> {
  const { name, port } = options;
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  options.log(`starting ${name} (${options.entry}) on ${url}`);
  // BENCH_CPU_PROF_DIR=<dir>: every started service writes a V8 CPU profile there when it exits (open it in Chrome's
  // DevTools or speedscope) — how a suite's hot path is profiled.
  const profile = process.env.BENCH_CPU_PROF_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
    : [];
  const node = [...profile, runTs, options.entry, ...(options.args ?? [])];
  const [cmd, args] = withFileLimit(options.fileLimit, process.execPath, node);
  const handle = spawnProcess(cmd, args, {
    env: options.env,
    cwd: repoRoot,
    name,
    echo: options.verbose,
  });
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= handle.stop(options.stopGraceMs ?? 8_000).then(() => options.log(`stopped ${name}`));
    return stopped;
  };
  options.cleanups.add(`stop ${name}`, stop);
  await waitForHttp(`${url}${options.readyPath}`, options.readyTimeoutMs ?? 60_000, { process: handle });
  options.log(`${name} ready in ${Date.now() - t0} ms (pid ${handle.pid})`);
  return { name, url, port, handle, stop };
}

/**
 * The command run through `sh -c 'ulimit -n N && exec …'` when a limit is given: Node cannot raise its own descriptor
 * limit, and the shell's `exec` keeps the pid (the process the bench watches is the node itself). Raising the hard
 * limit needs root or CAP_SYS_RESOURCE, up to /proc/sys/fs/nr_open.
 */
export function withFileLimit(limit: number | undefined, cmd: string, args: string[]): [string, string[]] {
  if (limit === undefined) return [cmd, args];
  return ['/bin/sh', ['-c', `ulimit -n ${Math.floor(limit)} && exec "$0" "$@"`, cmd, ...args]];
}

export async function startApi(
  environment: BenchEnvironment,
  base: Pick<StartServiceOptions, 'cleanups' | 'verbose' | 'log'>,
  env: NodeJS.ProcessEnv = {},
  fileLimit?: number,
): Promise<StartedService> {
  const port = await freePort();
  return startService({
    ...base,
    fileLimit,
    name: 'api',
    entry: 'apps/api/src/main.ts',
    port,
    readyPath: '/ready',
    env: environment.processEnv({
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      PUBLIC_API_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '5000',
      ...env,
    }),
  });
}
