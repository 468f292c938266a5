// End to end: the real API, the production build of the dashboard, and Chromium reading the status page.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('dashboard status page', () => {
  const children: ProcessHandle[] = [];
  let api: ProcessHandle;
  let dashboardUrl: string;
  let userDataDir: string | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    const [apiPort, dashboardPort] = await Promise.all([freePort(), freePort()]);
    const apiUrl = `http://127.0.0.1:${apiPort}`;

    // The API (DATABASE_URL, REDIS_URL and REDIS_PREFIX come from the test runner), while the dashboard builds.
    api = spawnProcess(process.execPath, ['packages/devtools/bin/run.mjs', 'apps/api/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, API_HOST: '127.0.0.1', API_PORT: String(apiPort), PUBLIC_API_URL: apiUrl },
      name: 'api',
    });
    children.push(api);
    await Promise.all([buildDashboardIfStale(), waitForHttp(`${apiUrl}/health`, 60_000, { process: api })]);

    const dashboard = spawnProcess(
      process.execPath,
      [NEXT_BIN, 'start', '-p', String(dashboardPort), '-H', '127.0.0.1'],
      {
        cwd: DASHBOARD_DIR,
        env: nextEnv({ API_INTERNAL_URL: apiUrl }),
        name: 'next start',
      },
    );
    children.push(dashboard);
    dashboardUrl = `http://127.0.0.1:${dashboardPort}/`;
    await waitForHttp(dashboardUrl, 60_000, { process: dashboard });

    userDataDir = mkdtempSync(join(tmpdir(), 'sb-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 300_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await Promise.all(children.map((child) => child.stop()));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  }, 60_000);

  const shown = async (testId: string) => {
    const element = page.getByTestId(testId);
    await element.waitFor({ state: 'visible', timeout: 10_000 });
    return (await element.textContent())?.trim();
  };

  it('shows the API healthy and ready, check by check', async () => {
    const response = await page.goto(dashboardUrl);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Switchboard');
    expect(await page.locator('header').textContent()).toContain('Switchboard');
    const seen = `the page says: ${await page.locator('main').textContent()}`;
    expect(await shown('api-health'), seen).toBe('ok');
    expect(await shown('api-ready'), seen).toBe('ready');
    for (const check of ['postgres', 'redis', 'migrations']) {
      expect(await shown(`check-${check}`), `${check}; ${seen}`).toBe('ok');
    }
  });

  it('shows "API unreachable" once the API is stopped (the page is rendered per request)', async () => {
    await api.stop();
    expect(api.hasExited()).toBe(true);
    await page.goto(dashboardUrl);
    const alert = page.getByTestId('api-unreachable');
    await alert.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await alert.textContent()).toContain('API unreachable');
    expect(await page.getByTestId('api-health').count()).toBe(0);
  });
});
