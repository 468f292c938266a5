// Building the dashboard once, for `npm start` and the browser tests.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { spawnProcess } from './processes';
import { REPO_ROOT } from './services';

export const DASHBOARD_DIR = join(REPO_ROOT, 'apps/dashboard');
/** Next's CLI, run with node directly: one process fewer than `npm run`, and no npm notices in the output. */
export const NEXT_BIN = createRequire(join(DASHBOARD_DIR, 'package.json')).resolve('next/dist/bin/next');

/** The flow definition's rules, compiled into the builder (transpilePackages). */
const FLOW_DEFINITION = '../../packages/business/src/flows/definition';

/** Newest modification time (ms) of the files a build depends on. */
function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  const sources = ['src', 'public', 'next.config.ts', 'package.json', 'tsconfig.json', FLOW_DEFINITION];
  for (const path of sources) {
    if (existsSync(join(DASHBOARD_DIR, path))) visit(join(DASHBOARD_DIR, path));
  }
  const nextPackage = createRequire(join(DASHBOARD_DIR, 'package.json')).resolve('next/package.json');
  return Math.max(newest, statSync(nextPackage).mtimeMs);
}

/** The environment Next.js builds and serves with: its own NODE_ENV (vitest and npm start may set another). */
export function nextEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const { NODE_ENV: _, ...inherited } = process.env;
  return { ...inherited, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

/** `next build` unless .next/BUILD_ID is newer than every source file. */
export async function buildDashboardIfStale(): Promise<boolean> {
  const buildId = join(DASHBOARD_DIR, '.next', 'BUILD_ID');
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestSource()) return false;
  const build = spawnProcess(process.execPath, [NEXT_BIN, 'build'], {
    cwd: DASHBOARD_DIR,
    env: nextEnv(),
    name: 'next build',
  });
  const { code, signal } = await build.exited;
  if (code !== 0) throw new Error(`next build failed (code ${code}, signal ${signal}):\n${build.output()}`);
  return true;
}
