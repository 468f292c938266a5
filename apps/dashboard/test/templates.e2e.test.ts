// The Templates page in Chromium against the real API, a worker (the automatic review) and the dashboard's build.

import { type ProcessHandle, REPO_ROOT, spawnProcess, WORKER_NODE_FLAGS } from '@switchboard/devtools';
import { type ConsoleWorld, startConsoleWorld } from '@switchboard/testkit/browser/console-world';
import type { Operator } from '@switchboard/testkit/console/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A 1×1 PNG: the header's sample image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

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

  it('owner: an image header with a sample uploaded through the media endpoint, previewed before it is sent', async () => {
    const page = await world.browser();
    await world.signIn(page, owner, '/templates/new');
    await page.getByLabel(/^Name/).fill('spring_sale');
    await page.getByLabel('Category').selectOption('MARKETING');
    await page.getByLabel('Header', { exact: true }).selectOption('IMAGE');
    await page.getByLabel(/^Body/).fill('Spring sale: everything half price today.');
    // No sample yet: the editor says what is missing next to the header, and nothing is sent.
    await page.getByTestId('template-submit').click();
    await expect.poll(() => page.getByTestId('error-header').textContent()).toContain('Choose a sample image');

    await page.getByLabel(/^Sample image/).setInputFiles({ name: 'sale.png', mimeType: 'image/png', buffer: PNG });
    await expect
      .poll(() => page.getByTestId('header-upload').textContent(), { timeout: 30_000 })
      .toBe('Sample uploaded.');
    const media = page.getByTestId('preview-media');
    expect(await media.evaluate((el) => el.tagName)).toBe('IMG');
    expect(await media.getAttribute('src')).toMatch(/^blob:/);
    expect(await page.getByTestId('preview').textContent()).toContain('Spring sale: everything half price today.');
    await accessible(page);
    await world.screenshot(page, 'console-templates-media-header');
    await page.getByTestId('template-submit').click();
    await page.waitForURL((u) => u.pathname === '/templates');

    const stored = await world.prisma.messageTemplate.findFirstOrThrow({ where: { businessId, name: 'spring_sale' } });
    const header = (
      stored.components as { type: string; format?: string; example?: { header_handle?: string[] } }[]
    )[0]!;
    expect(header.format).toBe('IMAGE');
    const sample = await world.prisma.media.findUniqueOrThrow({ where: { id: header.example!.header_handle![0]! } });
    expect([sample.businessId, sample.mimeType, sample.fileSize]).toEqual([businessId, 'image/png', PNG.length]);
    await expect.poll(() => statusOf(page, 'spring_sale'), { timeout: 30_000 }).toContain('approved');
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
