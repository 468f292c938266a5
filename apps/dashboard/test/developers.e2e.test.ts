// The Developers page in Chromium against the real API and the production build of the dashboard.

import { type ConsoleWorld, startConsoleWorld } from '@switchboard/testkit/browser/console-world';
import type { Operator } from '@switchboard/testkit/console/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the Developers page', () => {
  let world: ConsoleWorld;
  let businessId: string;
  let owner: Operator;

  beforeAll(async () => {
    world = await startConsoleWorld();
    businessId = await world.business('Developers Co');
    owner = await world.operators.owner(businessId);
  }, 300_000);
  afterAll(() => world?.close(), 60_000);

  const accessible = async (page: Parameters<ConsoleWorld['accessibility']>[0]) =>
    expect(await world.accessibility(page)).toEqual([]);
  const numbers = (token: string) =>
    fetch(`${world.apiUrl}/v23.0/${businessId}/phone_numbers`, { headers: { authorization: `Bearer ${token}` } });

  it('owner: creates a key (shown once, works on the API), sees its last use, revokes it', async () => {
    const page = await world.browser();
    await world.signIn(page, owner, '/developers');
    expect(await page.getByText('No API keys yet').isVisible()).toBe(true);
    expect(await page.getByTestId('numbers').textContent()).toContain('+1555');
    await accessible(page);

    // Keyboard only: the button, the name, Enter.
    await page.getByTestId('key-open').focus();
    await page.keyboard.press('Enter');
    await page.getByLabel(/Name/).fill('CRM sync');
    await page.keyboard.press('Enter');
    const token = await page.getByTestId('key-token').inputValue();
    expect(token).toMatch(/^sb_live_/);
    await accessible(page);
    await world.screenshot(page, 'console-developers-key-created');
    await page.getByRole('button', { name: 'Done' }).click();

    const row = page.getByTestId('key-CRM sync');
    await expect.poll(() => row.textContent()).toContain(token.slice(-4));
    expect(await row.textContent()).not.toContain(token);
    expect(await row.getByTestId('key-last-used').textContent()).toBe('—');
    expect((await numbers(token)).status).toBe(200);
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId('key-CRM sync').getByTestId('key-last-used').textContent();
      })
      .toMatch(/UTC$/);

    await page.getByTestId('key-CRM sync').getByRole('button', { name: 'Revoke CRM sync' }).click();
    await page.getByTestId('revoke-confirm').click();
    await expect.poll(() => page.getByTestId('key-CRM sync').textContent()).toContain('revoked');
    expect((await numbers(token)).status).toBe(401);
    await accessible(page);
    await world.screenshot(page, 'console-developers-owner');
  });

  it('a viewer sees the numbers but no keys, at 390 px in the dark theme', async () => {
    const viewer = await world.operators.invited(owner, businessId, 'viewer');
    const page = await world.browser({ viewport: 'phone', colorScheme: 'dark' });
    await world.signIn(page, viewer, '/developers');
    expect(await page.getByTestId('keys-read-only').textContent()).toContain('Your role (viewer)');
    expect(await page.getByTestId('key-open').count()).toBe(0);
    expect(await page.getByTestId('numbers').isVisible()).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth <= 390')).toBe(true);
    await accessible(page);
    await world.screenshot(page, 'console-developers-viewer-390px-dark');
  });
});
