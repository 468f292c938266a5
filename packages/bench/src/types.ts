import type { Cleanups } from './harness/cleanup';
import type { BenchEnvironment } from './harness/environment';
import type { StartedService, StartServiceOptions } from './harness/services';

/** What a suite returns: flat figures for the last-line JSON (the runner adds `"suite": name` in front). */
export type Figures = Record<string, unknown>;

export interface SuiteOption {
  /** The flag without dashes, e.g. "connections" for `--connections 50`. */
  name: string;
  description: string;
  /** true when the flag takes a value. */
  takesValue: boolean;
}

/** One benchmark. One file per suite in src/suites/, listed in src/suites/index.ts. */
export interface Suite {
  name: string;
  description: string;
  /** Flags this suite understands beyond the common ones (--quick, --verbose). */
  options?: SuiteOption[];
  run(ctx: SuiteContext): Promise<Figures>;
}

export interface SuiteContext {
  /** --quick: the whole suite must finish in under 60 s on the 2-core shared machine. */
  readonly quick: boolean;
  /** --verbose: echo the output of started services to stderr. */
  readonly verbose: boolean;
  /** The suite's own flags (see Suite.options): name → value ("true" for flags without a value). */
  readonly flags: ReadonlyMap<string, string>;
  /** A progress line on stderr. */
  log(message: string): void;
  /**
   * The bench's own Postgres database (created and migrated) and Redis key prefix, set up on first call and removed
   * when the run ends. Throws ServiceUnavailableError, which the runner reports as one line, when either is down.
   */
  environment(): Promise<BenchEnvironment>;
  /** Starts the API as a separate process on a free port, waits for /ready; stopped when the run ends. */
  startApi(options?: { env?: NodeJS.ProcessEnv; fileLimit?: number }): Promise<StartedService>;
  /** Starts any TypeScript entry point as a separate process (process group), stopped when the run ends. */
  startService(options: Omit<StartServiceOptions, 'cleanups' | 'verbose' | 'log'>): Promise<StartedService>;
  /** Registers work for the end of the run (also on Ctrl-C); runs last-registered first. */
  readonly cleanups: Cleanups;
}
