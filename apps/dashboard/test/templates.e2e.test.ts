// The Templates page in Chromium against the real API, a worker (the automatic review) and the dashboard's build.

import { type ProcessHandle, REPO_ROOT, spawnProcess, WORKER_NODE_FLAGS } from '@switchboard/devtools';
import { type ConsoleWorld, startConsoleWorld } from '@switchboard/testkit/browser/console-world';
import type { Operator } from '@switchboard/testkit/console/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the Templates page', () => {
  let world: ConsoleWorld;
  let businessId: string;
  let owner: Operator;
  let worker: ProcessHandle;

  beforeAll(async () => {
    world = await startConsoleWorld();
    businessId = await world.business('Templates Co');
    owner = await world.operators.owner(businessId);
    worker = spawnProcess(
      process.execPath,
      [...WORKER_NODE_FLAGS, 'packages/devtools/bin/run.mjs', 'workers/src/main.ts'],
      { cwd: REPO_ROOT, name: 'worker', env: { ...process.env, BUSINESS_DEVICE: 'off', LOG_LEVEL: 'warn' } },
    );
  }, 300_000);
  afterAll(async () => {
    await worker?.stop(5_000);
    await world?.close();
  }, 60_000);

  const accessible = async (page: Parameters<ConsoleWorld['accessibility']>[0]) =>
    expect(await world.accessibility(page)).toEqual([]);
  const statusOf = async (page: Parameters<ConsoleWorld['accessibility']>[0], name: string) => {
    await page.reload();
    return page.getByTestId(`template-${name}`).textContent();
  };

  it('owner: writes a template with a live preview, fixes the field the API names, sees it reviewed, deletes it', async () => {
    const page = await world.browser();
    await world.signIn(page, owner, '/templates');
    expect(await page.getByText('No templates yet').isVisible()).toBe(true);
    await accessible(page);
    await page.getByTestId('template-new').click();
    await page.waitForURL('**/templates/new');

    await page.getByLabel(/^Name/).fill('Order Shipped');
    await page.getByLabel(/^Body/).fill('Hi {{1}}, your order {{2}} has shipped.');
    await page.getByLabel('Example for {{1}}').fill('Ana');
    await page.getByLabel('Example for {{2}}').fill('#123');
    await page.getByLabel(/^Footer/).fill('Lucky Shrub');
    await page.getByLabel(/^Quick-reply buttons/).fill('Track it\nStop');
    expect(await page.getByTestId('preview').textContent()).toContain('Hi Ana, your order #123 has shipped.');
    await page.getByTestId('template-submit').click();
    await expect.poll(() => page.getByTestId('error-name').textContent()).toContain('name');
    await accessible(page);
    await world.screenshot(page, 'console-templates-editor-error');

    await page.getByLabel(/^Name/).fill('order_shipped');
    await page.getByTestId('template-submit').click();
    await page.waitForURL((u) => u.pathname === '/templates');
    expect(await page.getByTestId('template-created').textContent()).toContain('order_shipped');
    await expect.poll(() => statusOf(page, 'order_shipped'), { timeout: 30_000 }).toContain('approved');

    // A body ending in a variable is rejected by the review: the reason shows in the list.
    await page.goto('/templates/new');
    await page.getByLabel(/^Name/).fill('trailing_variable');
    await page.getByLabel(/^Body/).fill('Your code is {{1}}');
    await page.getByLabel('Example for {{1}}').fill('1234');
    await page.getByTestId('template-submit').click();
    await page.waitForURL((u) => u.pathname === '/templates');
    await expect.poll(() => statusOf(page, 'trailing_variable'), { timeout: 30_000 }).toContain('rejected');
    expect(await page.getByTestId('template-trailing_variable').textContent()).not.toContain('—');
    await accessible(page);
    await world.screenshot(page, 'console-templates-list');

    await page.getByRole('button', { name: 'Delete trailing_variable (en_US)' }).click();
    await page.getByTestId('delete-confirm').click();
    await expect.poll(() => page.getByTestId('template-trailing_variable').count()).toBe(0);
    await page.getByLabel('Status').selectOption('APPROVED');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL((u) => u.searchParams.get('status') === 'APPROVED');
    expect(await page.getByTestId('templates').locator('tbody tr').count()).toBe(1);
  });

  it('a viewer reads the list at 390 px in the dark theme, with no way to edit', async () => {
    const viewer = await world.operators.invited(owner, businessId, 'viewer');
    const page = await world.browser({ viewport: 'phone', colorScheme: 'dark' });
    await world.signIn(page, viewer, '/templates');
    expect(await page.getByTestId('template-order_shipped').isVisible()).toBe(true);
    expect(await page.getByTestId('template-new').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth <= 390')).toBe(true);
    await accessible(page);
    await world.screenshot(page, 'console-templates-viewer-390px-dark');
    await page.goto('/templates/new');
    await page.waitForURL((u) => u.pathname === '/templates');
  });
});
