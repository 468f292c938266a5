import { existsSync } from 'node:fs';
import {
  buildDashboardIfStale,
  DASHBOARD_DIR,
  freePort,
  NEXT_BIN,
  nextEnv,
  type ProcessHandle,
  REPO_ROOT,
  spawnProcess,
  waitForHttp,
} from '@switchboard/devtools';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The API as its own process and the production build of the dashboard in front of it, both answering. */
export interface ConsoleServers {
  apiUrl: string;
  dashboardUrl: string;
  /** The API's process: a test may stop it to see the dashboard without it. */
  api: ProcessHandle;
  /** The settings the API was started with (PUBLIC_DASHBOARD_URL among them), for fixtures that need its config. */
  settings: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the API (DATABASE_URL, REDIS_URL and REDIS_PREFIX from the test runner, or `env`) while the dashboard builds
 * if its sources changed, then `next start` pointed at it. PUBLIC_DASHBOARD_URL points the API's cookies and CSRF
 * check at the dashboard.
 */
export async function startConsoleServers(env: Record<string, string> = {}): Promise<ConsoleServers> {
  const [apiPort, dashboardPort] = await Promise.all([freePort(), freePort()]);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
  const settings = {
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    PUBLIC_API_URL: apiUrl,
    PUBLIC_DASHBOARD_URL: dashboardUrl,
    ...env,
  };
  const children: ProcessHandle[] = [];
  const close = async () => void (await Promise.all(children.map((c) => c.stop())));
  try {
    const api = spawnProcess(process.execPath, ['packages/devtools/bin/run.mjs', 'apps/api/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...settings },
      name: 'api',
    });
    children.push(api);
    await Promise.all([buildDashboardIfStale(), waitForHttp(`${apiUrl}/health`, 60_000, { process: api })]);
    const dashboard = spawnProcess(
      process.execPath,
      [NEXT_BIN, 'start', '-p', String(dashboardPort), '-H', '127.0.0.1'],
      { cwd: DASHBOARD_DIR, env: nextEnv({ API_INTERNAL_URL: apiUrl }), name: 'next start' },
    );
    children.push(dashboard);
    await waitForHttp(dashboardUrl, 60_000, { process: dashboard });
    return { apiUrl, dashboardUrl, api, settings, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Headless Chromium from Debian's package (playwright-core cannot download one offline). */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
