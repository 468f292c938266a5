// End to end: the real API, the production build of the dashboard, and Chromium reading the status page.
import { type ConsoleServers, launchChromium, startConsoleServers } from '@switchboard/testkit/browser/console-servers';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('dashboard status page', () => {
  let servers: ConsoleServers;
  let dashboardUrl: string;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    servers = await startConsoleServers();
    dashboardUrl = `${servers.dashboardUrl}/`;
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await servers?.close();
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
    await servers.api.stop();
    expect(servers.api.hasExited()).toBe(true);
    await page.goto(dashboardUrl);
    const alert = page.getByTestId('api-unreachable');
    await alert.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await alert.textContent()).toContain('API unreachable');
    expect(await page.getByTestId('api-health').count()).toBe(0);
  });
});
