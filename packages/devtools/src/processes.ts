// Child processes for scripts and end-to-end tests: start a server, wait until it answers, stop it and all it started.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface SpawnOptions {
  /** The whole environment of the child (not merged with process.env; spread it yourself if wanted). */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Used in error messages and echoed output. Defaults to the command. */
  name?: string;
  /** Also copy the child's output, each line prefixed with [name], to this process's stderr. */
  echo?: boolean;
  /** Rewrites each echoed line (for example JSON logs into one readable line). */
  format?: (line: string) => string;
}

export interface ProcessHandle {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Settles when the process has exited: its exit code, or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Whether the process has exited. */
  hasExited(): boolean;
  /** The last 64 KiB of stdout and stderr, interleaved, for error messages. */
  output(): string;
  /**
   * Ends the process and everything it started (its process group): SIGTERM, then SIGKILL for whatever is still
   * there after graceMs. Safe to call more than once and after the process has exited.
   */
  stop(graceMs?: number): Promise<void>;
}

const OUTPUT_LIMIT = 64 * 1024;
const live = new Set<number>();
let exitHookInstalled = false;

/** Sends signal to the process group led by pid (0 only probes); false when the group no longer exists. */
function killGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

/** If this process dies without stopping its children, kill their groups rather than leave servers behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of live) killGroup(pid, 'SIGKILL');
  });
}

/** Starts cmd in a process group of its own, so that stop() also reaches the processes it starts. */
export function spawnProcess(cmd: string, args: string[], options: SpawnOptions = {}): ProcessHandle {
  const name = options.name ?? cmd;
  const child: ChildProcess = spawn(cmd, args, {
    cwd: options.cwd,
    // A plain record: Next.js's types make NODE_ENV a required member of NodeJS.ProcessEnv.
    env: (options.env ?? process.env) as NodeJS.ProcessEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) {
    // spawn failed synchronously (for example ENOENT); the 'error' event carries the reason.
    child.on('error', () => {});
    throw new Error(`${name}: could not start ${cmd}`);
  }
  const pid = child.pid;
  live.add(pid);
  installExitHook();

  const format = options.format ?? ((line: string) => line);
  let buffered = '';
  let partial = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    buffered = (buffered + text).slice(-OUTPUT_LIMIT);
    if (options.echo) {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) process.stderr.write(`[${name}] ${format(line)}\n`);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      live.delete(pid);
      if (options.echo && partial) process.stderr.write(`[${name}] ${format(partial)}\n`);
      resolve({ code, signal });
    };
    child.on('exit', finish);
    child.on('error', (err) => {
      buffered += `\n${String(err)}`;
      finish(null, null);
    });
  });

  const stop = async (graceMs = 5_000): Promise<void> => {
    if (!killGroup(pid, 'SIGTERM')) return;
    const deadline = Date.now() + graceMs;
    // Wait for the leader, then for the rest of the group, up to the deadline.
    await Promise.race([exited, sleep(graceMs)]);
    while (Date.now() < deadline && killGroup(pid, 0)) {
      await sleep(50);
    }
    killGroup(pid, 'SIGKILL');
    await Promise.race([exited, sleep(1_000)]);
  };

  return {
    name,
    pid,
    child,
    exited,
    hasExited: () => done,
    output: () => buffered,
    stop,
  };
}

export interface WaitOptions {
  /** Fail at once, with its output, if this process exits while waiting. */
  process?: ProcessHandle;
  /** Poll interval in milliseconds (default 100). */
  intervalMs?: number;
}

/** Resolves once url answers with a 2xx status; rejects after timeoutMs (or when options.process exits). */
export async function waitForHttp(url: string, timeoutMs: number, options: WaitOptions = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no attempt';
  while (Date.now() < deadline) {
    const proc = options.process;
    if (proc?.hasExited()) {
      const { code, signal } = await proc.exited;
      throw new Error(
        `${proc.name} exited (code ${code}, signal ${signal}) before ${url} answered.\n--- output ---\n${proc.output()}`,
      );
    }
    try {
      const res = await fetch(url, {
        signal: AbortSignal.timeout(Math.max(100, Math.min(2_000, deadline - Date.now()))),
      });
      await res.arrayBuffer();
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? `${err.message}${err.cause ? ` (${String(err.cause)})` : ''}` : String(err);
    }
    await sleep(options.intervalMs ?? 100);
  }
  const tail = options.process ? `\n--- ${options.process.name} output ---\n${options.process.output()}` : '';
  throw new Error(`${url} did not answer 2xx within ${timeoutMs} ms (last: ${last})${tail}`);
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Node flags for worker processes (the campaign bench holds a worker to ≤ 300 MB RSS, flat). A worker's work is many small jobs, not an
 * allocation-heavy request path: V8's default 16 MB semi-spaces (48 MB of young generation, mostly idle) cost more
 * resident memory than the scavenges they save, and an old space capped at 256 MB (a worker's live heap is ~50-100
 * MB) makes V8 collect before it grows rather than after. Measured on an idle worker: 318 MB RSS by default, 254 MB
 * with 2 MB semi-spaces; under the campaign bench 338 → 306 MB with the cap (and 242 MB once SWC stopped loading,
 * see swc-hooks.mjs). Command-line only (V8 sizes its heap before any module runs), so every place that starts
 * workers passes them; docker-compose.yml too.
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=2', '--max-old-space-size=256'];
