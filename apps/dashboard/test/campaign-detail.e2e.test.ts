// A campaign's page in Chromium against the real API, a real worker (campaign sweep and the business device) and
// the production build of the dashboard, in a campaign world (a scratch database and Redis prefix of its own): the
// worker's sweep acts on every campaign of its database.

import { randomInt } from 'node:crypto';
import { type ConsoleWorld, startConsoleWorld } from '@switchboard/testkit/browser/console-world';
import { type CampaignWorld, campaignWorld } from '@switchboard/testkit/campaigns/world';
import type { Operator } from '@switchboard/testkit/console/operators';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { waitFor } from '@switchboard/testkit/wait';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * How long a page may take to show what an action or a refresh changed: generous, not a speed target (the machine is
 * shared and loaded; expect.poll's default is 1 s).
 */
const SETTLES = { timeout: 30_000 };

/** A valid UK mobile number with no account (as the core tests' numbers). */
const randomConsumer = () => `4474${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

describe('the campaign wizard and page', () => {
  let campaigns: CampaignWorld;
  let world: ConsoleWorld;
  let businessId: string;
  let owner: Operator;
  let token: string;

  beforeAll(async () => {
    campaigns = await campaignWorld('cdetail');
    world = await startConsoleWorld({ DATABASE_URL: campaigns.databaseUrl, REDIS_PREFIX: campaigns.redisPrefix });
    campaigns.startWorker({ BUSINESS_DEVICE: 'on' });
    businessId = await world.business('Campaign Page Co');
    owner = await world.operators.owner(businessId);
    token = (
      await owner.call<{ token: string }>('POST', `/console/v1/businesses/${businessId}/api_keys`, { name: 'k' })
    ).body.token;
    // Approved as a review would leave it; templates and their review have tests of their own.
    await world.prisma.messageTemplate.create({
      data: {
        id: String(Date.now()),
        businessId,
        name: 'spring_sale',
        language: 'en_US',
        category: 'MARKETING',
        parameterFormat: 'POSITIONAL',
        status: 'APPROVED',
        components: [{ type: 'BODY', text: 'Hello {{1}}.', example: { body_text: [['Ana']] } }],
      },
    });
  }, 300_000);
  afterAll(async () => {
    await world?.close();
    await campaigns?.close();
  }, 60_000);

  const accessible = async (page: Parameters<ConsoleWorld['accessibility']>[0]) =>
    expect(await world.accessibility(page)).toEqual([]);
  /** A campaign through the business API, as a machine creates one. */
  const campaign = async (csvRows: string[], extra: object = {}) => {
    const phone = await world.prisma.businessNumber.findFirstOrThrow({ where: { businessId } });
    const res = await fetch(`${world.apiUrl}/v23.0/${businessId}/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Spring',
        phone_number_id: phone.id,
        template: {
          name: 'spring_sale',
          language: { code: 'en_US' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: '{{first_name}}' }] }],
        },
        audience: { csv: ['phone,first_name', ...csvRows].join('\n') },
        ...extra,
      }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { id: string }).id;
  };

  /** The wizard's first three steps: a name, a CSV file, the template with {{1}} mapped to first_name, send now. */
  const wizardUpTo = async (page: Page, name: string, csv: string) => {
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.waitForURL((url) => url.pathname === '/campaigns/new');
    await page.getByLabel('Campaign name').fill(name);
    await page
      .getByLabel(/CSV file/)
      .setInputFiles({ name: `${name}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('csv-summary').waitFor();
    await page.getByTestId('wizard-next').click();
    await page.getByLabel('Approved template').selectOption({ label: 'spring_sale · en_US · marketing' });
    // Guessed from the file: the first column that is not the number.
    expect(await page.getByLabel('Body {{1}}').inputValue()).toBe('first_name');
    await page.getByTestId('wizard-next').click();
    expect(await page.getByLabel('Send now').isChecked()).toBe(true);
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('report').waitFor();
  };
  const reported = (page: Page, key: string) => page.getByTestId(`report-${key}`).locator('dd').textContent();

  it('owner: a CSV with bad rows shows the report row by row and sends nothing', async () => {
    const n = randomConsumer();
    const page = await world.browser();
    await world.signIn(page, owner, '/campaigns');
    await wizardUpTo(page, 'Bad file', ['phone,first_name', 'not-a-number,Ann', `+${n},`, `+${n},Bo`].join('\n'));
    expect(await reported(page, 'pending')).toBe('0');
    expect([await reported(page, 'invalid'), await reported(page, 'duplicates')]).toEqual(['1', '1']);
    expect(await reported(page, 'missing_variable')).toBe('1');
    expect(await page.getByTestId('report-samples').locator('tbody tr').allTextContents()).toEqual([
      '1not-a-numberNot a valid phone number',
      `2+${n}A value for a variable is missing`,
      `3+${n}Already earlier in the audience`,
    ]);
    expect(await page.getByTestId('nothing-to-send').isVisible()).toBe(true);
    expect(await page.getByTestId('wizard-launch').isDisabled()).toBe(true);
    await accessible(page);
    await world.screenshot(page, 'console-campaign-wizard-bad-csv');
    expect(await world.prisma.campaign.count({ where: { businessId, name: 'Bad file' } })).toBe(0);
  }, 120_000);

  it('owner: launches a campaign from a CSV of three consumer devices and watches delivered and read arrive', async () => {
    const names = ['Ana', 'Ben', 'Cy'];
    const consumers = await Promise.all(names.map((name) => consumerDevice({ url: world.apiUrl }, name)));
    // The owner's own phone, for "send a test": not in the audience.
    const tester = await consumerDevice({ url: world.apiUrl }, 'Tess');
    consumers.push(tester);
    try {
      await Promise.all(consumers.map((c) => c.connect()));
      consumers.pop();
      const csv = ['phone,first_name', ...consumers.map((c, i) => `${c.number},${names[i]}`), 'nope,X'].join('\n');
      const page = await world.browser();
      await world.signIn(page, owner, '/campaigns');
      await page.getByRole('link', { name: 'New campaign' }).waitFor();
      await wizardUpTo(page, 'Launch day', csv);
      expect([await reported(page, 'pending'), await reported(page, 'invalid')]).toEqual(['3', '1']);
      expect(await page.getByTestId('estimate').textContent()).toMatch(/messages a second/);
      expect(await page.getByTestId('preview').textContent()).toContain('Hello Ana.');
      await accessible(page);
      await world.screenshot(page, 'console-campaign-wizard-review');

      // A test to one number goes through the normal send path, filled from the first row; a bad number is explained.
      await page.getByLabel('Test number').fill('12');
      await page.getByTestId('test-send').click();
      await expect.poll(() => page.getByTestId('test-send-result').textContent(), SETTLES).toContain('not a valid');
      await page.getByLabel('Test number').fill(tester.number);
      await page.getByTestId('test-send').click();
      await expect.poll(() => page.getByTestId('test-send-result').textContent(), SETTLES).toContain('Sent to');
      await waitFor(async () => tester.messages.length > 0, 'the test at the tester', 60_000);
      expect(tester.messages[0]!.text).toBe('Hello Ana.');
      expect(await world.prisma.campaign.count({ where: { businessId, name: 'Launch day' } })).toBe(0);
      await accessible(page);
      await page.getByTestId('wizard-launch').click();
      await page.waitForURL((url) => /^\/campaigns\/\d+$/.test(url.pathname), { timeout: 30_000 });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Launch day');

      await waitFor(
        async () => consumers.every((c) => c.messages.length > 0),
        'the campaign at each consumer',
        120_000,
      );
      expect(consumers.map((c) => c.messages[0]!.text)).toEqual(names.map((x) => `Hello ${x}.`));
      // No reload: the page refreshes itself while it runs, and while statuses are still to come.
      await expect.poll(() => page.getByTestId('delivered').textContent(), { timeout: 60_000 }).toBe('3');
      for (const c of consumers) {
        const m = c.messages[0]!;
        await c.messenger.markRead(m.from.accountId, [m.messageId], m.serverTimestamp);
      }
      await expect.poll(() => page.getByTestId('read').textContent(), { timeout: 60_000 }).toBe('3');
      expect(await page.getByRole('progressbar', { name: 'Campaign progress' }).getAttribute('aria-valuenow')).toBe(
        '4',
      );
      await world.screenshot(page, 'console-campaign-wizard-launched');
    } finally {
      await Promise.all([...consumers, tester].map((c) => c.close()));
    }
  }, 300_000);

  it('owner: watches failures arrive grouped by code, filters the recipients, retries the failed ones', async () => {
    // Numbers with no account: each fails with 131026 once the business device tries it.
    const numbers = [1, 2, 3].map(() => randomConsumer());
    const id = await campaign([...numbers.map((n, i) => `+${n},P${i}`), 'not-a-number,X']);
    const page = await world.browser();
    await world.signIn(page, owner, `/campaigns/${id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Spring');
    // No reload: the page refreshes itself while the campaign runs, and once more as it completes. The bound is
    // generous, not a speed target: on a loaded machine the worker's start and its device's key generation are slow.
    await expect.poll(() => page.getByTestId('failed').textContent(), { timeout: 120_000 }).toBe('3');
    await expect.poll(() => page.getByTestId('failure-131026').textContent(), SETTLES).toContain('no account');
    expect(await page.getByTestId('skip-invalid_number').textContent()).toContain('Not a valid phone number');
    expect(await page.getByTestId('recipients').locator('tbody tr').count()).toBe(4);
    await accessible(page);
    await world.screenshot(page, 'console-campaign-failures');

    await page.getByLabel('State').selectOption('failed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.getByTestId('recipients').locator('tbody tr').count(), SETTLES).toBe(3);
    expect(page.url()).toContain('state=failed');
    expect(await page.getByTestId('recipients').textContent()).toContain('131026');
    // The Row header sorts on the server, the filter kept: last row first.
    const firstRow = () => page.getByTestId('recipients').locator('tbody tr').first().getAttribute('data-testid');
    expect(await firstRow()).toBe('recipient-1');
    await page.getByTestId('sort-row').click();
    await page.waitForURL((u) => u.searchParams.get('order') === 'desc' && u.searchParams.get('state') === 'failed');
    await expect.poll(firstRow, SETTLES).toBe('recipient-3');
    expect(await page.getByRole('columnheader', { name: /Row/ }).getAttribute('aria-sort')).toBe('descending');
    // People type numbers with spaces and a +: only the digits count.
    await page.getByLabel('Number').fill(`+${numbers[1]!.slice(0, 4)} ${numbers[1]!.slice(4)}`);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.getByTestId('recipients').locator('tbody tr').count(), SETTLES).toBe(1);
    expect(await page.getByTestId('recipient-2').isVisible()).toBe(true);
    await page.getByLabel('Code or reason').fill('131050');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.getByText('No recipient matches').isVisible(), SETTLES).toBe(true);

    await page.getByTestId('campaign-retry').click();
    await accessible(page);
    await world.screenshot(page, 'console-campaign-retry-confirm');
    await page.getByTestId('confirm-retry').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), SETTLES).toBe('Spring (retry)');
    expect(page.url()).not.toContain(id);
    await expect.poll(() => page.getByTestId('failed').textContent(), { timeout: 120_000 }).toBe('3');
    await world.screenshot(page, 'console-campaign-retry');
    // Retried once: the original has nothing left to retry, and says so.
    await page.goto(`${world.dashboardUrl}/campaigns/${id}`);
    await page.getByTestId('campaign-retry').click();
    await page.getByTestId('confirm-retry').click();
    await expect
      .poll(() => page.getByTestId('campaign-error').textContent(), SETTLES)
      .toContain('no failed recipient left');
  }, 300_000);

  it('owner: pauses and resumes a scheduled campaign after confirming', async () => {
    const id = await campaign([`+${randomConsumer()},A`], { schedule: { at: '2031-01-01T09:00Z' } });
    const page = await world.browser();
    await world.signIn(page, owner, `/campaigns/${id}`);
    await page.getByTestId('campaign-pause').click();
    await page.getByRole('button', { name: 'Back' }).click();
    expect(await page.getByTestId('campaign-pause').isVisible()).toBe(true);
    await page.getByTestId('campaign-pause').click();
    await page.getByTestId('confirm-pause').click();
    await expect.poll(() => page.getByTestId('campaign-resume').isVisible(), SETTLES).toBe(true);
    expect(await page.getByText('paused: user').isVisible()).toBe(true);
    await accessible(page);
    await page.getByTestId('campaign-resume').click();
    await page.getByTestId('confirm-resume').click();
    await expect.poll(() => page.getByTestId('campaign-pause').isVisible(), SETTLES).toBe(true);
    await world.screenshot(page, 'console-campaign-scheduled');
  }, 60_000);

  it('a viewer reads the page without its actions, at 390 px in the dark theme', async () => {
    const id = await campaign([`+${randomConsumer()},A`], { schedule: { at: '2031-01-01T09:00Z' } });
    const viewer = await world.operators.invited(owner, businessId, 'viewer');
    const page = await world.browser({ viewport: 'phone', colorScheme: 'dark' });
    await world.signIn(page, viewer, `/campaigns/${id}`);
    expect(await page.getByTestId('recipients').isVisible()).toBe(true);
    expect(await page.getByTestId('campaign-pause').count()).toBe(0);
    expect(await page.getByTestId('campaign-cancel').count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth <= 390')).toBe(true);
    await accessible(page);
    await world.screenshot(page, 'console-campaign-viewer-390px-dark');
  }, 60_000);
});
