import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MembersRepository } from '@switchboard/business/console/members/members.repository';
import { createSetupLink } from '@switchboard/business/console/members/setup-link';
import { BusinessesService } from '@switchboard/business/tenancy/businesses.service';
import { parseConfig } from '@switchboard/config';
import { REPO_ROOT } from '@switchboard/devtools';
import { PrismaService } from '@switchboard/platform';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Operator, Operators } from '../console/operators';
import { type ConsoleServers, launchChromium, startConsoleServers } from './console-servers';
import { ConsoleFixturesModule } from './fixtures.module';

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
  /**
   * A new business with one number (by default a fictional +1 555 one, which the core's directory refuses to look up:
   * pass a valid `number` for a consumer device to find it); returns its id.
   */
  business(name?: string, number?: string): Promise<string>;
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
  const contexts: BrowserContext[] = [];
  let servers: ConsoleServers | undefined;
  let browser: Browser | undefined;
  let admin: INestApplicationContext | undefined;
  const close = async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close().catch(() => {});
    await servers?.close();
    await admin?.close();
  };
  try {
    servers = await startConsoleServers(env);
    const { apiUrl, dashboardUrl } = servers;
    const config = parseConfig({ ...process.env, ...servers.settings });
    admin = await NestFactory.createApplicationContext(ConsoleFixturesModule.forRoot(config), {
      logger: false,
      abortOnError: false,
    });
    const app = admin;
    const operators = new Operators(apiUrl, dashboardUrl, async (email, businessId) => {
      return (await createSetupLink(config, app.get(MembersRepository), email, businessId)).link;
    });
    browser = await launchChromium();
    const launched = browser;
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    let numbers = 0;

    return {
      dashboardUrl,
      apiUrl,
      operators,
      prisma: app.get(PrismaService).client,
      async business(name = 'Console Test Co', number?: string) {
        const businesses = app.get(BusinessesService);
        const business = await businesses.createBusiness(name);
        const suffix = `${process.pid % 1000}${String(numbers++).padStart(4, '0')}`.padStart(7, '0');
        await businesses.addNumber(business.id, number ?? `+1555${suffix}`, name);
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
