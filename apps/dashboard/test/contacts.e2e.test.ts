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
    await expect.poll(() => page.getByText('No contact matches').count()).toBe(1);
  });

  it('works at 390 px in the dark theme', async () => {
    const page = await world.browser({ viewport: 'phone', colorScheme: 'dark' });
    await world.signIn(page, owner, '/contacts');
    expect(await page.evaluate('document.documentElement.scrollWidth <= 390')).toBe(true);
    await accessible(page);
    await world.screenshot(page, 'console-contacts-390px-dark');
  });
});
