// The Developers page in Chromium against the real API and the production build of the dashboard.

import { type ProcessHandle, REPO_ROOT, spawnProcess, WORKER_NODE_FLAGS } from '@switchboard/devtools';
import { type ConsoleWorld, startConsoleWorld } from '@switchboard/testkit/browser/console-world';
import type { Operator } from '@switchboard/testkit/console/operators';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the Developers page', () => {
  let world: ConsoleWorld;
  let businessId: string;
  let owner: Operator;
  let worker: ProcessHandle | undefined;
  const receiver = new Receiver();

  beforeAll(async () => {
    world = await startConsoleWorld();
    businessId = await world.business('Developers Co');
    owner = await world.operators.owner(businessId);
    await receiver.start();
  }, 300_000);
  afterAll(async () => {
    await worker?.stop(5_000);
    await receiver.close();
    await world?.close();
  }, 60_000);

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

  it("owner: subscribes a URL (the handshake's answer shown), reads the sent payload and attempts, replays", async () => {
    // The workers deliver webhooks and review templates; a template created through the API makes the event.
    worker = spawnProcess(
      process.execPath,
      [...WORKER_NODE_FLAGS, 'packages/devtools/bin/run.mjs', 'workers/src/main.ts'],
      { cwd: REPO_ROOT, name: 'worker', env: { ...process.env, BUSINESS_DEVICE: 'off', LOG_LEVEL: 'warn' } },
    );
    const page = await world.browser();
    await world.signIn(page, owner, '/developers');
    expect(await page.getByText('No webhook events yet').isVisible()).toBe(true);

    await page.getByTestId('subscribe-open').click();
    await page.getByLabel('Callback URL').fill(receiver.url);
    await page.getByLabel(/Verify token/).fill('not-the-token');
    await page.getByLabel(/App secret/).fill(receiver.appSecret);
    await page.getByLabel(/Fields/).fill('message_template_status_update');
    await page.getByTestId('subscribe-submit').click();
    await expect.poll(() => page.getByTestId('subscribe-error').textContent()).toMatch(/answered HTTP 403/);
    await page.getByLabel(/Verify token/).fill(receiver.verifyToken);
    await page.getByTestId('subscribe-submit').click();
    await expect.poll(() => page.getByTestId('subscribe-verified').textContent()).toContain(receiver.url);
    await accessible(page);
    await world.screenshot(page, 'console-developers-subscribed');
    await page.getByRole('button', { name: 'Done' }).click();

    const key = await owner.call<{ token: string }>('POST', `/console/v1/businesses/${businessId}/api_keys`, {
      name: 'ci',
    });
    const created = await fetch(`${world.apiUrl}/v23.0/${businessId}/message_templates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.body.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'developers_page',
        language: 'en_US',
        category: 'utility',
        components: [{ type: 'body', text: 'Hi {{1}}, your order shipped.', example: { body_text: [['Ana']] } }],
      }),
    });
    expect(created.status).toBe(200);
    await expect.poll(() => receiver.posts.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const sent = receiver.posts[0]!.raw;

    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId('payload').count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await page.getByText('Payload').first().click();
    expect(await page.getByTestId('payload').first().textContent()).toBe(sent);
    await page
      .getByRole('button', { name: /^Deliveries of event/ })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('attempt').first().textContent()).toMatch(/: 200 in \d+ ms/);
    await accessible(page);
    await world.screenshot(page, 'console-developers-deliveries');
    await page.keyboard.press('Escape');

    const before = receiver.posts.length;
    await page
      .getByRole('button', { name: /^Replay event/ })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('replay-note').textContent()).toBe('Replayed 1 delivery.');
    await expect.poll(() => receiver.posts.length, { timeout: 15_000 }).toBeGreaterThan(before);
    await page.getByLabel('Failed since').fill('2026-01-01T00:00');
    await page.getByTestId('replay-failed').click();
    await expect.poll(() => page.getByTestId('replay-note').textContent()).toBe('Replayed 0 deliveries.');
    await world.screenshot(page, 'console-developers-webhooks');
  });
});
