// Starts holder processes (holder.ts) with a raised descriptor limit and an IPC channel, and talks to them.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Cleanups } from '../../harness/cleanup';
import { repoRoot, withFileLimit } from '../../harness/services';
import type { HolderCommand, HolderReply } from './holder';

export interface Holder {
  pid: number;
  /** Sends a command and resolves with the next reply of the given kind. */
  ask<T extends HolderReply['t']>(command: HolderCommand, answer: T): Promise<Extract<HolderReply, { t: T }>>;
}

export function startHolders(count: number, fileLimit: number, cleanups: Cleanups, verbose: boolean): Holder[] {
  return Array.from({ length: count }, (_, n) => {
    const [cmd, args] = withFileLimit(fileLimit, process.execPath, [
      `${repoRoot}/packages/devtools/bin/run.mjs`,
      'packages/bench/src/suites/connections/holder.ts',
    ]);
    const child: ChildProcess = spawn(cmd, args, {
      cwd: repoRoot,
      detached: true, // a process group of its own, killed whole at the end
      stdio: ['ignore', verbose ? 'inherit' : 'ignore', 'inherit', 'ipc'],
    });
    const pid = child.pid!;
    cleanups.add(`stop holder ${n}`, () => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    });
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => reject(new Error(`holder ${n} exited (${signal ?? code})`))),
    );
    exited.catch(() => undefined);
    return {
      pid,
      ask(command, answer) {
        const replied = new Promise<never>((resolve) => {
          const onMessage = (m: HolderReply) => {
            if (m.t !== answer) return;
            child.off('message', onMessage);
            resolve(m as never);
          };
          child.on('message', onMessage);
        });
        child.send(command);
        return Promise.race([replied, exited]);
      },
    };
  });
}
