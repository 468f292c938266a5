// The Contacts page in Chromium against the real API and the production build of the dashboard.

import { type ConsoleWorld, startConsoleWorld } from '@switchboard/testkit/browser/console-world';
import type { Operator } from '@switchboard/testkit/console/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the Contacts page', () => {
  let world: ConsoleWorld;
  let businessId: string;
  let owner: Operator;

  beforeAll(async () => {
    world = await startConsoleWorld();
    businessId = await world.business('Contacts Co');
    owner = await world.operators.owner(businessId);
  }, 300_000);
  afterAll(() => world?.close(), 60_000);

  const accessible = async (page: Parameters<ConsoleWorld['accessibility']>[0]) =>
    expect(await world.accessibility(page)).toEqual([]);

  it('searches, filters by tag and pages by number; shows opt status, window, tags and attributes', async () => {
    const page = await world.browser();
    await world.signIn(page, owner, '/contacts');
    expect(await page.getByText('No contacts yet').isVisible()).toBe(true);

    // Fixtures through the product's API, with a key made in the console.
    const key = await owner.call<{ token: string }>('POST', `/console/v1/businesses/${businessId}/api_keys`, {});
    for (let i = 0; i < 60; i++)
      await fetch(`${world.apiUrl}/v23.0/${businessId}/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.body.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          wa_id: `155500020${String(i).padStart(2, '0')}`,
          profile_name: `Customer ${i}`,
          tags: i % 10 === 0 ? ['vip'] : [],
          attributes: { city: 'Lisbon' },
        }),
      });

    await page.reload();
    expect(await page.getByTestId('contacts').locator('tbody tr').count()).toBe(50);
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL((u) => u.searchParams.has('after'));
    expect(await page.getByTestId('contacts').locator('tbody tr').count()).toBe(10);

    // Sorted by the server: the Number header (a button, reached by keyboard) turns the order round, back to page one;
    // the next page and the filters keep the order.
    const firstRow = () => page.getByTestId('contacts').locator('tbody tr').first().getAttribute('data-testid');
    await page.goto('/contacts');
    expect(await firstRow()).toBe('contact-15550002000');
    expect(await page.getByRole('columnheader', { name: /Number/ }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByTestId('sort-number').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('order') === 'desc');
    expect(await firstRow()).toBe('contact-15550002059');
    expect(await page.getByRole('columnheader', { name: /Number/ }).getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL((u) => u.searchParams.has('after') && u.searchParams.get('order') === 'desc');
    expect(await page.getByTestId('contacts').locator('tbody tr').count()).toBe(10);
    expect(await page.getByTestId('contacts').locator('tbody tr').last().getAttribute('data-testid')).toBe(
      'contact-15550002000',
    );
    await page.getByRole('link', { name: 'Previous' }).click();
    await page.waitForURL((u) => u.searchParams.has('before'));
    expect(await firstRow()).toBe('contact-15550002059');
    await page.getByLabel('Tag').fill('vip');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((u) => u.searchParams.get('tag') === 'vip' && u.searchParams.get('order') === 'desc');
    expect(await firstRow()).toBe('contact-15550002050');
    await accessible(page);

    await page.goto('/contacts');
    await page.getByLabel('Tag').fill('vip');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((u) => u.searchParams.get('tag') === 'vip');
    expect(await page.getByTestId('contacts').locator('tbody tr').count()).toBe(6);
    const row = await page.getByTestId('contact-15550002010').textContent();
    expect(row).toContain('Customer 10');
    expect(row).toContain('unknown');
    expect(row).toContain('closed');
    expect(row).toContain('city: Lisbon');
    await accessible(page);
    await world.screenshot(page, 'console-contacts');

    await page.getByLabel('Number or name').fill('no-such-contact');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByText('No contact matches').count(), { timeout: 30_000 }).toBe(1);
  }, 120_000);

  it('works at 390 px in the dark theme', async () => {
    const page = await world.browser({ viewport: 'phone', colorScheme: 'dark' });
    await world.signIn(page, owner, '/contacts');
    expect(await page.evaluate('document.documentElement.scrollWidth <= 390')).toBe(true);
    await accessible(page);
    await world.screenshot(page, 'console-contacts-390px-dark');
  }, 60_000);

  it('owner: imports a CSV with its columns mapped, reads the report, edits a contact and its opt history', async () => {
    const page = await world.browser();
    await world.signIn(page, owner, '/contacts');
    // Contacts is in the navigation, marked as the current page.
    expect(await page.getByRole('link', { name: 'Contacts' }).getAttribute('aria-current')).toBe('page');
    await page.getByTestId('import-open').click();
    const csv = [
      'Mobile,Full name,Labels,Plan,Notes',
      '+447400003001,Ana,vip;lisbon,gold,call after 6',
      '+447400003002,Ben,,silver,',
      'not a number,Nobody,,,',
      '+447400003001,Ana again,,,',
    ].join('\n');
    await page.getByLabel('CSV file with a header row').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByTestId('import-file-summary').waitFor();
    // Guessed from the header: the number, the name and the tags; the other columns kept as attributes until unticked.
    expect(await page.getByLabel('Phone number column').inputValue()).toBe('Mobile');
    expect(await page.getByLabel('Name column').inputValue()).toBe('Full name');
    expect(await page.getByLabel(/^Tags column/).inputValue()).toBe('Labels');
    await page.getByLabel('Notes').uncheck();
    await page.getByLabel(/Tags for every imported contact/).fill('imported');
    await accessible(page);
    await world.screenshot(page, 'console-contacts-import-mapping');
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-report').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-report').textContent()).toContain(
      '4 rows: 2 new, 0 updated, 1 invalid, 1 duplicates',
    );
    expect(await page.getByTestId('import-samples').locator('tbody tr').allTextContents()).toEqual([
      '3not a numberNot a valid phone number',
      '4+447400003001Already earlier in the file',
    ]);
    await world.screenshot(page, 'console-contacts-import-report');
    await page.getByRole('button', { name: 'Done' }).click();

    await page.getByLabel('Number or name').fill('44740000300');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((u) => u.searchParams.get('search') === '44740000300');
    const ana = page.getByTestId('contact-447400003001');
    // Attributes under their header as written; the file's tags, then those added to every row.
    expect(await ana.textContent()).toContain('Plan: gold');
    expect(await ana.textContent()).toContain('vip, lisbon, imported');
    expect(await ana.textContent()).not.toContain('Notes');

    await page.getByTestId('edit-447400003001-open').click();
    await page.getByLabel('Tags (comma-separated)').fill('vip, returning');
    await page.getByLabel(/^Attributes/).fill('plan: platinum\nfirst_name: Ana');
    await page.getByTestId('edit-447400003001-save').click();
    await expect.poll(() => ana.textContent(), { timeout: 30_000 }).toContain('plan: platinum');
    expect(await ana.textContent()).toContain('vip, returning');

    // Opt-ins and opt-outs as they happened, through the business API.
    const key = await owner.call<{ token: string }>('POST', `/console/v1/businesses/${businessId}/api_keys`, {});
    for (const action of ['opt_in', 'opt_out'])
      await fetch(`${world.apiUrl}/v23.0/${businessId}/contacts/447400003001/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.body.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ source: `form ${action}` }),
      });
    await page.reload();
    await page.getByTestId('history-447400003001').click();
    await page.getByTestId('opt-history').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('opt-history').locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^Opted out .*form opt_out$/),
      expect.stringMatching(/^Opted in .*form opt_in$/),
    ]);
    await accessible(page);
    await world.screenshot(page, 'console-contacts-opt-history');
  }, 120_000);
});
