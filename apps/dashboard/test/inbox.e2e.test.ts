// The shared inbox in Chromium: two agents in two browser contexts against the real API, a real worker (the
// business device) and the production build of the dashboard, with SDK consumer devices writing and reading. A world
// of its own (scratch database and Redis prefix): the worker's loops act on every business of its database.

import { type ConsoleWorld, startConsoleWorld } from '@switchboard/testkit/browser/console-world';
import { type CampaignWorld, campaignWorld } from '@switchboard/testkit/campaigns/world';
import type { Operator } from '@switchboard/testkit/console/operators';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { waitFor } from '@switchboard/testkit/wait';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** How long a page may take to show a change: generous, not a speed target (the machine is shared and loaded). */
const SETTLES = { timeout: 30_000 };

type Consumer = Awaited<ReturnType<typeof consumerDevice>>;

describe('the inbox', () => {
  let campaigns: CampaignWorld;
  let world: ConsoleWorld;
  let businessId: string;
  let accountId: string;
  let owner: Operator;
  let ana: Operator;
  let ben: Operator;
  const ids = new Map<Operator, string>();
  const consumers: Consumer[] = [];

  const api = async (method: string, path: string, body?: unknown) => {
    const key = await owner.call<{ token: string }>('POST', `/console/v1/businesses/${businessId}/api_keys`, {});
    return fetch(`${world.apiUrl}/v23.0${path}`, {
      method,
      headers: { authorization: `Bearer ${key.body.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };
  const consumer = async (name: string) => {
    const c = await consumerDevice({ url: world.apiUrl }, name);
    await c.connect();
    consumers.push(c);
    return c;
  };
  const conversationOf = (c: Consumer) => world.prisma.conversation.findFirst({ where: { businessId, waId: c.waId } });
  const holderOf = async (c: Consumer) => (await conversationOf(c))?.assigneeId ?? null;
  const accessible = async (page: Page) => expect(await world.accessibility(page)).toEqual([]);
  const item = (page: Page, c: Consumer) => page.getByTestId(`conversation-${c.waId}`);

  beforeAll(async () => {
    campaigns = await campaignWorld('inbox');
    world = await startConsoleWorld({ DATABASE_URL: campaigns.databaseUrl, REDIS_PREFIX: campaigns.redisPrefix });
    campaigns.startWorker({ BUSINESS_DEVICE: 'on' });
    businessId = await world.business('Inbox Co');
    owner = await world.operators.owner(businessId);
    ana = await world.operators.invited(owner, businessId, 'agent');
    ben = await world.operators.invited(owner, businessId, 'agent');
    for (const who of [owner, ana, ben])
      ids.set(who, (await world.prisma.consoleUser.findUniqueOrThrow({ where: { email: who.email } })).id);
    // The business's capacity for each agent: one conversation at a time.
    for (const who of [ana, ben])
      expect(
        (await api('POST', `/${businessId}/inbox_agents/${ids.get(who)}`, { available: false, capacity: 1 })).status,
      ).toBe(200);
    expect(
      (await api('POST', `/${businessId}/inbox_agents/${ids.get(owner)}`, { available: false, capacity: 0 })).status,
    ).toBe(200);
    await world.prisma.messageTemplate.create({
      data: {
        id: String(Date.now()),
        businessId,
        name: 'order_update',
        language: 'en_US',
        category: 'UTILITY',
        parameterFormat: 'POSITIONAL',
        status: 'APPROVED',
        components: [{ type: 'BODY', text: 'Hello {{1}}, your order is ready.', example: { body_text: [['Ana']] } }],
      },
    });
    expect(
      (
        await api('POST', `/${businessId}/canned_responses`, {
          short_code: 'soon',
          content: 'Hi {{contact.name}}, back {{when}}.',
        })
      ).status,
    ).toBe(200);
    await waitFor(
      async () => {
        accountId = (await world.prisma.businessNumber.findFirst({ where: { businessId } }))?.accountId ?? '';
        return accountId !== '';
      },
      'the number provisioned by the worker',
      120_000,
    );
  }, 300_000);
  afterAll(async () => {
    for (const c of consumers) await c.close().catch(() => {});
    await world?.close();
    await campaigns?.close();
  }, 60_000);

  it('two agents live: arrival, capacity and order, a reply ✓✓ then read, the closed window, coming back', async () => {
    const pageA = await world.browser();
    const pageB = await world.browser();
    await world.signIn(pageA, ana, '/inbox');
    await world.signIn(pageB, ben, '/inbox');
    for (const p of [pageA, pageB])
      await expect.poll(() => p.getByTestId('live-status').textContent(), SETTLES).toContain('Live');
    const pageOf = (user: string | null) => (user === ids.get(ana) ? pageA : pageB);

    // Three customers write; both agents see each conversation appear without a reload. Each agent takes one (capacity
    // 1), oldest first; the third waits.
    const [first, second, third] = [await consumer('Fay'), await consumer('Sam'), await consumer('Tom')];
    for (const c of [first, second, third]) {
      await c.reply(accountId, `hello from ${c.waId}`);
      for (const p of [pageA, pageB]) await item(p, c).waitFor(SETTLES);
    }
    await waitFor(async () => (await holderOf(second)) !== null, 'the two oldest assigned');
    const [h1, h2, h3] = [await holderOf(first), await holderOf(second), await holderOf(third)];
    expect(new Set([h1, h2])).toEqual(new Set([ids.get(ana), ids.get(ben)]));
    expect(h3).toBeNull();
    await expect.poll(() => item(pageA, third).textContent(), SETTLES).toContain('unassigned');
    await accessible(pageA);
    await world.screenshot(pageA, 'console-inbox');

    // The first conversation's agent opens it (read: the customer gets the receipt), quotes and replies.
    const p1 = pageOf(h1);
    await item(p1, first).click();
    await p1.getByTestId('message-inbound').first().waitFor(SETTLES);
    await waitFor(async () => first.receipts.some((r) => r.kind === 'read'), 'the read receipt at the customer');
    await p1.getByRole('button', { name: 'Quote' }).first().click();
    expect(await p1.getByTestId('quoting').textContent()).toContain(`hello from ${first.waId}`);
    await p1.getByLabel('Message', { exact: true }).fill('On its way!');
    await p1.getByTestId('send').click();
    await waitFor(async () => first.messages.some((m) => m.text === 'On its way!'), 'the reply at the customer');
    const outbound = p1.getByTestId('message-outbound').filter({ hasText: 'On its way!' });
    await expect.poll(() => outbound.getByTestId('quoted').textContent(), SETTLES).toContain('hello from');
    await expect
      .poll(() => outbound.getByTestId('message-status').getAttribute('data-status'), SETTLES)
      .toBe('delivered');
    expect(await outbound.getByTestId('message-status').textContent()).toContain('✓✓');
    const got = first.messages.find((m) => m.text === 'On its way!')!;
    await first.messenger.markRead(accountId, [got.messageId], got.serverTimestamp);
    await expect.poll(() => outbound.getByTestId('message-status').getAttribute('data-status'), SETTLES).toBe('read');

    // Resolving with the keyboard (e) frees the slot: the waiting conversation goes to that agent.
    await p1.getByTestId('thread').focus();
    await p1.keyboard.press('e');
    await waitFor(async () => (await conversationOf(first))?.status === 'resolved', 'resolved by the shortcut');
    await waitFor(async () => (await holderOf(third)) === h1, 'the waiting conversation assigned when a slot freed');

    // The second conversation's window closes: free-form refused in the UI (a banner, no message box) and by the API;
    // a template with its variable is sent.
    const c2 = (await conversationOf(second))!;
    const old = new Date(Date.now() - 25 * 3600_000);
    await world.prisma.contact.updateMany({ where: { businessId, waId: second.waId }, data: { lastInboundAt: old } });
    await world.prisma.conversation.update({ where: { id: c2.id }, data: { lastInboundAt: old } });
    const p2 = pageOf(h2);
    const holder2 = h2 === ids.get(ana) ? ana : ben;
    await p2.reload();
    await item(p2, second).click();
    await p2.getByTestId('window-closed').waitFor(SETTLES);
    expect(await p2.getByLabel('Message', { exact: true }).count()).toBe(0);
    const refused = await holder2.call<{ error: { code: number } }>(
      'POST',
      `/console/v1/businesses/${businessId}/conversations/${c2.id}/messages`,
      { type: 'text', text: { body: 'free-form' } },
    );
    expect([refused.status, refused.body.error.code]).toEqual([400, 131047]);
    await p2.getByLabel('Template').selectOption({ label: 'order_update · en_US' });
    await p2.getByLabel('Variable {{1}}').fill('Sam');
    await accessible(p2);
    await world.screenshot(p2, 'console-inbox-window-closed');
    await p2.getByTestId('send-template').click();
    await waitFor(
      async () => second.messages.some((m) => m.text?.includes('Hello Sam, your order is ready.')),
      'the template at the customer',
    );

    // An agent away from the inbox (another page: its stream closed) finds what arrived meanwhile when back. (The
    // stream's own resume after Last-Event-ID is asserted event by event in inbox-live.integration.test.ts.)
    const other = p1 === pageA ? pageB : pageA;
    await other.goto('/overview');
    const late = await consumer('Lia');
    await late.reply(accountId, 'anyone there?');
    await waitFor(async () => (await conversationOf(late)) !== null, 'the late conversation recorded');
    await item(p1, late).waitFor(SETTLES);
    await other.goto('/inbox');
    await item(other, late).waitFor(SETTLES);
    await expect.poll(() => other.getByTestId('live-status').textContent(), SETTLES).toContain('Live');
    // Live again: the next message shows in the open thread without a reload.
    await item(other, late).click();
    await other.getByTestId('message-inbound').filter({ hasText: 'anyone there?' }).waitFor(SETTLES);
    await late.reply(accountId, 'hello again');
    await other.getByTestId('message-inbound').filter({ hasText: 'hello again' }).waitFor(SETTLES);
  }, 240_000);

  it('works at 390 px: the list, then the conversation with a way back; a canned response with its variable', async () => {
    const page = await world.browser({ viewport: 'phone' });
    await world.signIn(page, ana, '/inbox');
    const c = consumers[0]!;
    await item(page, c).click();
    await page.getByTestId('thread').waitFor(SETTLES);
    expect(await page.evaluate('document.documentElement.scrollWidth <= 390')).toBe(true);
    await accessible(page);
    await world.screenshot(page, 'console-inbox-390px');
    await page.getByRole('button', { name: '← Conversations' }).click();
    await item(page, c).waitFor(SETTLES);

    // The third customer's conversation is open: a canned response, its {{when}} filled here, {{contact.name}} by the API.
    const tom = consumers[2]!;
    await item(page, tom).click();
    await page.getByLabel('Canned response').selectOption({ label: '/soon' });
    await page.getByLabel('Variable {{when}}').fill('tomorrow');
    await page.getByTestId('send').click();
    await waitFor(async () => tom.messages.some((m) => m.text === 'Hi Tom, back tomorrow.'), 'the canned reply');
  }, 120_000);
});
