// `npm run bench -- <suite> [--quick] [--verbose] [suite flags]`
// Progress goes to stderr; the very last line on stdout is one JSON object: {"suite": name, ...figures}.
// Exit codes: 0 done, 1 the suite failed, 2 usage (unknown suite or flag), 3 Postgres/Redis unreachable,
// 130/143 interrupted (after stopping what was started and removing the bench database and Redis keys).
import { Cleanups } from './harness/cleanup';
import { type BenchEnvironment, createEnvironment, ServiceUnavailableError } from './harness/environment';
import { progress } from './harness/log';
import { startApi, startService } from './harness/services';
import { findSuite, suites } from './suites';
import type { Suite, SuiteContext } from './types';

const QUICK_BUDGET_S = 60;
const common = [
  { name: 'quick', description: `short runs; finishes in under ${QUICK_BUDGET_S} s`, takesValue: false },
  { name: 'verbose', description: 'echo the output of started processes', takesValue: false },
];

function usage(): string {
  const width = Math.max(...suites.map((s) => s.name.length));
  const lines = [
    'usage: npm run bench -- <suite> [--quick] [--verbose] [suite flags]',
    '',
    'suites:',
    ...suites.map((s) => `  ${s.name.padEnd(width)}  ${s.description}`),
    '',
    'common flags:',
    ...common.map((o) => `  --${o.name.padEnd(16)} ${o.description}`),
  ];
  for (const s of suites) {
    if (!s.options?.length) continue;
    lines.push('', `${s.name} flags:`);
    for (const o of s.options) lines.push(`  --${(o.takesValue ? `${o.name} N` : o.name).padEnd(16)} ${o.description}`);
  }
  return `${lines.join('\n')}\n`;
}

class UsageError extends Error {}

function parseFlags(suite: Suite, args: string[]): { quick: boolean; verbose: boolean; flags: Map<string, string> } {
  const known = new Map([...common, ...(suite.options ?? [])].map((o) => [o.name, o]));
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    const option = m && known.get(m[1]!);
    if (!m || !option) throw new UsageError(`unknown argument "${arg}" for suite ${suite.name}`);
    let value = m[2];
    if (option.takesValue && value === undefined) {
      value = args[++i];
      if (value === undefined) throw new UsageError(`--${option.name} expects a value`);
    }
    if (!option.takesValue && value !== undefined) throw new UsageError(`--${option.name} takes no value`);
    flags.set(option.name, value ?? 'true');
  }
  const quick = flags.delete('quick');
  const verbose = flags.delete('verbose');
  return { quick, verbose, flags };
}

function exit(code: number): never {
  process.exit(code);
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stderr.write(usage());
    exit(name ? 0 : 2);
  }
  const suite = findSuite(name);
  if (!suite) {
    process.stderr.write(`bench: unknown suite "${name}"\n\n${usage()}`);
    exit(2);
  }
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(suite, rest);
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n\n${usage()}`);
    exit(2);
  }

  // Stdout carries only the final JSON line: whatever a library logs goes to stderr.
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;

  const cleanups = new Cleanups();
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      const code = signal === 'SIGTERM' ? 143 : 130;
      if (interrupted) exit(code); // second signal: leave now (children's groups get SIGKILL on exit)
      interrupted = true;
      progress(`interrupted by ${signal}: stopping what was started and removing the bench data`);
      cleanups.runAll(progress).finally(() => exit(code));
    });
  }

  let environment: Promise<BenchEnvironment> | undefined;
  const ctx: SuiteContext = {
    quick: parsed.quick,
    verbose: parsed.verbose,
    flags: parsed.flags,
    log: (message) => {
      if (!interrupted) progress(message); // a run still finishing after Ctrl-C is not news
    },
    cleanups,
    environment: () => {
      environment ??= createEnvironment(cleanups, progress);
      return environment;
    },
    startApi: async (options = {}) =>
      startApi(
        await ctx.environment(),
        { cleanups, verbose: parsed.verbose, log: progress },
        options.env,
        options.fileLimit,
      ),
    startService: (options) => startService({ ...options, cleanups, verbose: parsed.verbose, log: progress }),
  };

  const t0 = Date.now();
  progress(`suite ${suite.name}${parsed.quick ? ' (quick)' : ''}: ${suite.description}`);
  let figures: Record<string, unknown>;
  try {
    figures = await suite.run(ctx);
  } catch (err) {
    if (interrupted) return; // the signal handler cleans up and exits
    const unavailable = err instanceof ServiceUnavailableError;
    const message = err instanceof Error ? err.message : String(err);
    await cleanups.runAll(progress);
    if (parsed.verbose && !unavailable && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.stderr.write(`bench: ${unavailable ? '' : `suite ${suite.name} failed: `}${message}\n`);
    exit(unavailable ? 3 : 1);
  }
  if (interrupted) return;
  const failures = await cleanups.runAll(progress);
  const elapsedS = (Date.now() - t0) / 1000;
  progress(`suite ${suite.name} done in ${elapsedS.toFixed(1)} s${failures.length ? ' (cleanup incomplete)' : ''}`);
  if (parsed.quick && elapsedS > QUICK_BUDGET_S) {
    progress(`warning: --quick took ${elapsedS.toFixed(1)} s, over its ${QUICK_BUDGET_S} s budget`);
  }
  const line = `${JSON.stringify({ suite: suite.name, ...figures })}\n`;
  process.stdout.write(line, () => exit(0));
}

await main(process.argv.slice(2));
