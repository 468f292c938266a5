import { Logger } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import {
  type BackgroundKey,
  background,
  backgroundFor,
  cadenceMs,
  type JobQueues,
  type LoopKey,
  type Owner,
} from '@switchboard/jobs';
import type { Redis } from '@switchboard/redis';
import { JobTicker } from './job-ticker';
import { LoopTimer } from './loop-timer';

/** A process's implementation of a declared loop: its pass, and what to set up before the first and after the last. */
export interface LoopBinding {
  pass(): unknown;
  start?(): unknown;
  stop?(): unknown;
}
export type LoopBindings = Partial<Record<LoopKey, LoopBinding>>;

/** What a scheduler started, as the declaration says it: for operators' logs and for the test that compares the two. */
export interface StartedWork {
  key: BackgroundKey;
  kind: 'periodic' | 'loop';
  everyMs: number;
}

export class BackgroundError extends Error {}

/**
 * The one place a process starts background work: the periodic jobs and loops that `background` (packages/jobs)
 * declares for its kind and configuration. Refuses, at construction, loops declared for this process without a binding
 * and bindings nothing declares, so work is neither silently missing nor running undeclared.
 */
export class BackgroundScheduler {
  private readonly log = new Logger('Background');
  private readonly tickers: JobTicker[] = [];
  private readonly loops: { timer: LoopTimer; binding: LoopBinding }[] = [];
  private readonly startedWork: StartedWork[] = [];

  constructor(
    private readonly owner: Owner,
    private readonly config: Config,
    private readonly queues: JobQueues,
    private readonly redis: Redis,
    private readonly bindings: LoopBindings,
  ) {
    const problems: string[] = [];
    for (const [key, work] of Object.entries(background)) {
      const declared = work.kind === 'loop' && work.owners.includes(owner);
      const bound = key in bindings;
      if (declared && !bound) problems.push(`loop "${key}" has no binding in the ${owner} process`);
      if (bound && !declared) problems.push(`loop "${key}" is not declared for the ${owner} process`);
    }
    for (const key of Object.keys(bindings)) {
      if (!(key in background)) problems.push(`binding for unknown loop "${key}"`);
    }
    if (problems.length) throw new BackgroundError(`background work: ${problems.join('; ')}`);
  }

  /** Starts this process's work; loops with `atStart` run their first pass before this resolves. */
  async start(): Promise<void> {
    for (const [key, work] of backgroundFor(this.owner, this.config)) {
      if (work.kind === 'on-demand') continue;
      const everyMs = cadenceMs(work.everyMs, this.config);
      if (work.kind === 'periodic') {
        const ticker = new JobTicker(this.queues, work.job, everyMs, work.payload);
        ticker.start();
        this.tickers.push(ticker);
      } else {
        const binding = this.bindings[key as LoopKey]!;
        await binding.start?.();
        const lock = work.across === 'one-node' ? { redis: this.redis, key: `background:${key}` } : undefined;
        const timer = new LoopTimer(key, everyMs, () => binding.pass(), this.log, lock);
        if (work.atStart) await timer.runOnce();
        timer.start();
        this.loops.push({ timer, binding });
      }
      this.startedWork.push({ key, kind: work.kind, everyMs });
    }
    this.log.log(`${this.owner}: ${this.startedWork.map((w) => `${w.key} every ${w.everyMs} ms`).join(', ')}`);
  }

  /** Stops the timers, waits for running passes, then lets each loop tear down. */
  async stop(): Promise<void> {
    for (const t of this.tickers) t.stop();
    await Promise.all(this.loops.map((l) => l.timer.stop()));
    for (const l of this.loops) await l.binding.stop?.();
  }

  started(): readonly StartedWork[] {
    return this.startedWork;
  }
}
