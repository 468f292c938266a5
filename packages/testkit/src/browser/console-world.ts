import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MembersRepository } from '@switchboard/business/console/members/members.repository';
import { createSetupLink } from '@switchboard/business/console/members/setup-link';
import { BusinessesService } from '@switchboard/business/tenancy/businesses.service';
import { parseConfig } from '@switchboard/config';
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
import { PrismaService } from '@switchboard/platform';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Operator, Operators } from '../console/operators';
import { ConsoleFixturesModule } from './fixtures.module';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where browser tests leave their screenshots (git-ignored). */
export const SCREENSHOTS_DIR = join(REPO_ROOT, 'test-results/screenshots');

/** Widths the console must work at: a laptop and a phone. */
export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

/**
 * The console as a person meets it: the API as its own process, the production build of the dashboard in front of
 * it (PUBLIC_DASHBOARD_URL points the API's cookies and CSRF check there), and Chromium. Fixtures (businesses, first
 * owners, invited members) come through the product itself: the services the admin command uses and the console's API.
 */
export interface ConsoleWorld {
  dashboardUrl: string;
  apiUrl: string;
  operators: Operators;
  prisma: PrismaService['client'];
  /** A new business with one number; returns its id. */
  business(name?: string): Promise<string>;
  /** A fresh browser context (its own cookies): a person at their own computer. */
  browser(options?: { viewport?: keyof typeof VIEWPORTS; colorScheme?: 'light' | 'dark' }): Promise<Page>;
  /** Signs `who` in through the sign-in page and waits for the page they land on. */
  signIn(page: Page, who: Pick<Operator, 'email' | 'password'>, next?: string): Promise<void>;
  /** Saves a screenshot as SCREENSHOTS_DIR/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** axe-core's serious and critical violations on the page as it is now (ids and the elements involved). */
  accessibility(page: Page): Promise<string[]>;
  close(): Promise<void>;
}

export async function startConsoleWorld(env: Record<string, string> = {}): Promise<ConsoleWorld> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
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
  const contexts: BrowserContext[] = [];
  let browser: Browser | undefined;
  let admin: INestApplicationContext | undefined;
  const close = async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close().catch(() => {});
    await Promise.all(children.map((c) => c.stop()));
    await admin?.close();
  };
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
      {
        cwd: DASHBOARD_DIR,
        env: nextEnv({ API_INTERNAL_URL: apiUrl }),
        name: 'next start',
      },
    );
    children.push(dashboard);
    await waitForHttp(dashboardUrl, 60_000, { process: dashboard });

    const config = parseConfig({ ...process.env, ...settings });
    admin = await NestFactory.createApplicationContext(ConsoleFixturesModule.forRoot(config), {
      logger: false,
      abortOnError: false,
    });
    const app = admin;
    const operators = new Operators(apiUrl, dashboardUrl, async (email, businessId) => {
      return (await createSetupLink(config, app.get(MembersRepository), email, businessId)).link;
    });
    browser = await chromium.launch({
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
    const launched = browser;
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    let numbers = 0;

    return {
      dashboardUrl,
      apiUrl,
      operators,
      prisma: app.get(PrismaService).client,
      async business(name = 'Console Test Co') {
        const businesses = app.get(BusinessesService);
        const business = await businesses.createBusiness(name);
        const suffix = `${process.pid % 1000}${String(numbers++).padStart(4, '0')}`.padStart(7, '0');
        await businesses.addNumber(business.id, `+1555${suffix}`, name);
        return business.id;
      },
      async browser({ viewport = 'desktop', colorScheme = 'light' } = {}) {
        const context = await launched.newContext({
          viewport: VIEWPORTS[viewport],
          colorScheme,
          baseURL: dashboardUrl,
        });
        contexts.push(context);
        return context.newPage();
      },
      async signIn(page, who, next = '/overview') {
        await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
        await page.getByLabel('Email').fill(who.email);
        await page.getByLabel('Password').fill(who.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((url) => url.pathname === next, { timeout: 15_000 });
      },
      async screenshot(page, name) {
        const path = join(SCREENSHOTS_DIR, `${name}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
      async accessibility(page) {
        if (!(await page.evaluate('"axe" in window'))) await page.addScriptTag({ content: axeSource });
        // Run in the page, where axe-core was injected (a string: this file is not compiled against the DOM).
        return page.evaluate<string[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
          r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`);
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
