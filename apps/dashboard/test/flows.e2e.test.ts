// The Flows pages in Chromium against the real API, a worker (the flows runtime and the business device) and the
// dashboard's build: the list, the React Flow builder (steps, edges drawn by dragging, the API's problems on the steps
// they name, publish, roll back), analytics, a test run of the draft answered by a real consumer device, and the simulator
// phone (a consumer device the dashboard's server holds) answering it in the page.

import { randomInt } from 'node:crypto';
import { type ProcessHandle, REPO_ROOT, spawnProcess, WORKER_NODE_FLAGS } from '@switchboard/devtools';
import type { RunningApi } from '@switchboard/testkit/api';
import { type ConsoleWorld, startConsoleWorld } from '@switchboard/testkit/browser/console-world';
import type { Operator } from '@switchboard/testkit/console/operators';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { drinksFlow } from '@switchboard/testkit/flows/fixtures';
import { waitFor } from '@switchboard/testkit/wait';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the Flows pages', () => {
  let world: ConsoleWorld;
  let businessId: string;
  let owner: Operator;
  let flowId: string;
  let worker: ProcessHandle;

  beforeAll(async () => {
    // Consumer devices register through the API's development codes, all from 127.0.0.1.
    world = await startConsoleWorld({
      OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
      OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
    });
    businessId = await world.business('Flows Co');
    owner = await world.operators.owner(businessId);
    worker = spawnProcess(
      process.execPath,
      [...WORKER_NODE_FLAGS, 'packages/devtools/bin/run.mjs', 'workers/src/main.ts'],
      { cwd: REPO_ROOT, name: 'worker', env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
  }, 600_000);
  afterAll(async () => {
    await worker?.stop(5_000);
    await world?.close();
  }, 60_000);

  const accessible = async (page: Page) => expect(await world.accessibility(page)).toEqual([]);
  const handle = (page: Page, node: string, port?: string) =>
    page.locator(
      port
        ? `.react-flow__handle.source[data-nodeid="${node}"][data-handleid="${port}"]`
        : `.react-flow__handle.target[data-nodeid="${node}"]`,
    );
  /** Draws an edge the way a person does: drags from a step's way out onto another step. */
  const connect = async (page: Page, from: string, port: string, to: string) => {
    await handle(page, from, port).dragTo(handle(page, to));
    await expect.poll(() => page.locator(`.react-flow__edge[data-id="${from}→${port}"]`).count()).toBe(1);
  };
  const note = (page: Page) => page.getByTestId('flow-note').textContent();

  /** A browser whose steps fail with what they waited for, well within the test's own time. */
  const browser = async (options?: Parameters<ConsoleWorld['browser']>[0]) => {
    const page = await world.browser(options);
    page.setDefaultTimeout(30_000);
    return page;
  };

  it('owner: creates a flow, draws it, sees the problems on the steps, publishes twice and rolls back', async () => {
    const page = await browser();
    await world.signIn(page, owner, '/flows');
    expect(await page.getByText('No flows yet').isVisible()).toBe(true);
    await accessible(page);

    await page.getByTestId('flow-new').click();
    const name = `Order help ${Date.now() % 100_000}`; // a retried test makes a flow of its own
    await page.getByLabel('Name').fill(name);
    await page.getByTestId('flow-create').click();
    await page.waitForURL(/\/flows\/\d+$/);
    flowId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('step-welcome').waitFor();
    expect(await page.getByTestId('step-welcome').textContent()).toContain('start');

    // A buttons step, left unconnected and with its text emptied: the API names the step each time.
    await page.getByTestId('add-buttons').click();
    const form = page.getByTestId('step-form');
    await form.getByLabel('Text', { exact: true }).fill('');
    await page.getByTestId('flow-save').click();
    await expect.poll(() => page.getByTestId('problems-buttons_1').textContent()).toContain('text');
    await form.getByLabel('Text', { exact: true }).fill('Where is your order?');
    await page.getByTestId('flow-check').click();
    await expect.poll(() => page.getByTestId('problems-buttons_1').textContent()).toContain('unreachable node');
    await accessible(page);
    await world.screenshot(page, 'console-flows-builder-problems');

    await connect(page, 'welcome', 'next', 'buttons_1');
    await page.getByTestId('flow-publish').click();
    await expect.poll(() => note(page)).toContain('Version 1 is live');
    expect(await page.getByTestId('problems-buttons_1').count()).toBe(0);

    // Version 2: the "yes" button leads to an end step.
    await page.getByTestId('add-end').click();
    await page
      .getByTestId('step-form')
      .getByLabel(/^Says last/)
      .fill('Thanks, bye!');
    await connect(page, 'buttons_1', 'yes', 'end_1');
    await page.getByTestId('flow-publish').click();
    await expect.poll(() => note(page)).toContain('Version 2 is live');
    expect(await page.getByTestId('version-2').textContent()).toContain('live');

    await page.getByTestId('rollback-1').click();
    await expect.poll(() => note(page)).toContain('Version 1 is live again');
    const stored = await world.prisma.flow.findUniqueOrThrow({ where: { id: flowId }, include: { versions: true } });
    expect(stored.liveVersion).toBe(1);
    expect(stored.versions.map((v) => v.version).sort()).toEqual([1, 2]);
    const draft = stored.draft as { edges: unknown[]; layout: Record<string, { x: number; y: number }> };
    expect(draft.edges).toEqual([
      { from: 'welcome', to: 'buttons_1', port: 'next' },
      { from: 'buttons_1', to: 'end_1', port: 'yes' },
    ]);
    expect(Object.keys(draft.layout).sort()).toEqual(['buttons_1', 'end_1', 'welcome']);

    // The canvas comes back as it was drawn.
    await page.reload();
    await page.getByTestId('step-end_1').waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(2);
    expect(await page.getByTestId('version-1').textContent()).toContain('live');
    await accessible(page);
    await world.screenshot(page, 'console-flows-builder');

    await page.goto('/flows');
    expect(await page.getByTestId(`flow-${name}`).textContent()).toContain('live · v1');
  }, 240_000);

  it('shows per-step analytics from the runs’ recorded paths', async () => {
    const flow = await world.prisma.flow.findUniqueOrThrow({ where: { id: flowId } });
    await world.prisma.flowRun.deleteMany({ where: { flowId } }); // a retried test starts from no runs
    const number = flow.phoneNumberIds[0]!;
    const base = Date.now() * 10;
    const runs = [
      // Answered "yes" and completed at the end step.
      {
        status: 'completed',
        current: null,
        steps: [
          ['welcome', 'sent:w1'],
          ['buttons_1', 'prompt:w2'],
          ['buttons_1', 'answer:yes'],
          ['end_1', 'end'],
        ],
      },
      // Still waiting on the buttons.
      {
        status: 'waiting',
        current: 'buttons_1',
        steps: [
          ['welcome', 'sent:w3'],
          ['buttons_1', 'prompt:w4'],
        ],
      },
      // Failed on the first send (the window was closed).
      { status: 'failed', current: null, steps: [['welcome', 'error:131047']] },
    ];
    for (const [i, r] of runs.entries()) {
      const id = String(base + i);
      await world.prisma.flowRun.create({
        data: {
          id,
          businessId,
          flowId,
          version: 1,
          phoneNumberId: number,
          waId: id.slice(-12),
          status: r.status,
          activeKey: r.status === 'waiting' ? `${number}:${id.slice(-12)}` : null,
          currentNode: r.current,
          steps: {
            create: r.steps.map(([node, outcome], seq) => ({ seq, node: node!, type: 'x', outcome, variables: {} })),
          },
        },
      });
    }

    const page = await browser();
    await world.signIn(page, owner, `/flows/${flowId}`);
    await page.getByTestId('analytics-show').click();
    await expect.poll(() => page.getByTestId('analytics-totals').textContent()).toContain('3 runs started');
    const stats = async (node: string) => (await page.getByTestId(`stats-${node}`).textContent())?.replace(/\s+/g, ' ');
    expect(await stats('welcome')).toBe('entered3went on2errors1dropped1');
    expect(await stats('buttons_1')).toBe('entered2went on1here now1answered1');
    expect(await stats('end_1')).toBe('entered1went on0');
    await accessible(page);
    await world.screenshot(page, 'console-flows-analytics');
  }, 120_000);

  it('a viewer reads the builder with no way to change it', async () => {
    const viewer = await world.operators.invited(owner, businessId, 'viewer');
    const page = await browser({ colorScheme: 'dark' });
    await world.signIn(page, viewer, `/flows/${flowId}`);
    await page.getByTestId('step-welcome').waitFor();
    expect(await page.getByTestId('flow-publish').count()).toBe(0);
    expect(await page.getByTestId('add-send_text').count()).toBe(0);
    expect(await page.getByTestId('flow-new').count()).toBe(0);
    await page.getByTestId('step-welcome').click();
    expect(await page.getByTestId('step-form').locator('textarea').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: /^Roll back/ }).count()).toBe(0);
    await accessible(page);
    await world.screenshot(page, 'console-flows-viewer-dark');
  }, 120_000);

  it('a test run of the draft: a real consumer device gets its messages and answers; the canvas follows the run', async () => {
    const number = (await world.prisma.businessNumber.findFirstOrThrow({ where: { businessId } })).id;
    const created = await owner.call<{ id: string }>('POST', `/console/v1/businesses/${businessId}/flows`, {
      name: 'Drinks',
      phone_number_ids: [number],
      definition: drinksFlow,
    });
    expect(created.status).toBe(200);
    const account = async () =>
      (await world.prisma.businessNumber.findUniqueOrThrow({ where: { id: number } })).accountId ?? undefined;
    await waitFor(async () => !!(await account()), 'the business number provisioned by the worker', 60_000);
    const bizAccountId = (await account())!;
    // The tester's phone: a consumer SDK device on the world's API (only its address is used).
    const phone = await consumerDevice({ url: world.apiUrl } as RunningApi);
    await phone.connect();
    try {
      await phone.reply(bizAccountId, 'hi'); // opens the 24-hour window, as the panel asks
      await waitFor(
        async () =>
          !!(await world.prisma.businessMessage.findFirst({
            where: { businessId, waId: phone.waId, direction: 'inbound' },
          })),
        'the hi logged: the window is open',
        30_000,
      );

      const page = await browser();
      await world.signIn(page, owner, `/flows/${created.body.id}`);
      await page.getByLabel('Test phone (international)').fill(phone.number);
      await page.getByTestId('test-run-start').click();
      await waitFor(async () => phone.messages.length >= 1, 'the draft’s buttons on the phone', 60_000);
      expect(phone.messages[0]!.text).toContain('Tea or coffee?');
      await expect
        .poll(() => page.getByTestId('step-pick').getAttribute('data-trace'), { timeout: 30_000 })
        .toBe('current');
      // The panel polls the run: it shows "waiting" once a poll comes after the turn's commit.
      await expect.poll(() => page.getByTestId('test-run').textContent(), { timeout: 30_000 }).toContain('waiting');

      await phone.reply(bizAccountId, 'Coffee', {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'coffee', title: 'Coffee' } },
      });
      await waitFor(async () => phone.messages.length >= 2, 'the end step on the phone', 60_000);
      expect(phone.messages[1]!.text).toBe('One Coffee coming');
      await expect.poll(() => page.getByTestId('test-run').textContent(), { timeout: 30_000 }).toContain('completed');
      expect(await page.getByTestId('step-done').getAttribute('data-trace')).toBe('visited');
      expect(await page.getByTestId('test-run-steps').locator('tbody tr').count()).toBe(3);
      await accessible(page);
      await world.screenshot(page, 'console-flows-test-run');
    } finally {
      await phone.close();
    }
  }, 240_000);

  it('the simulator: a phone in the page talks to the draft through a real consumer device, taps its buttons', async () => {
    // A business whose number is a valid one: the simulator's device finds it in the directory, as a consumer app does.
    const simBusiness = await world.business(
      'Simulator Co',
      `+1415555${String(randomInt(0, 10_000)).padStart(4, '0')}`,
    );
    const simOwner = await world.operators.owner(simBusiness);
    const number = (await world.prisma.businessNumber.findFirstOrThrow({ where: { businessId: simBusiness } })).id;
    const created = await simOwner.call<{ id: string }>('POST', `/console/v1/businesses/${simBusiness}/flows`, {
      name: 'Drinks on the simulator',
      phone_number_ids: [number],
      definition: drinksFlow,
    });
    expect(created.status).toBe(200);
    await waitFor(
      async () => !!(await world.prisma.businessNumber.findUniqueOrThrow({ where: { id: number } })).accountId,
      'the business number provisioned by the worker',
      60_000,
    );
    const page = await browser();
    await world.signIn(page, simOwner, `/flows/${created.body.id}`);
    await page.getByTestId('simulator-open').click();
    const phone = page.getByTestId('simulator');
    await phone.or(page.getByTestId('test-run-error')).waitFor();
    const opened = page.getByTestId('test-run-error');
    expect((await opened.count()) ? await opened.textContent() : 'opened').toBe('opened');
    // The phone writes first by itself (the window), then the run of the draft starts for it.
    await page.getByTestId('test-run-start').click();
    const chat = () => page.getByTestId('simulator-chat').textContent();
    await expect.poll(chat, { timeout: 60_000 }).toContain('Tea or coffee?');
    await phone.getByRole('button', { name: 'Coffee' }).click();
    await expect.poll(chat, { timeout: 60_000 }).toContain('One Coffee coming');
    await expect.poll(() => page.getByTestId('test-run').textContent(), { timeout: 30_000 }).toContain('completed');

    // The real message path: the business logged the phone's messages as a consumer's, and the run took the tap.
    const run = await world.prisma.flowRun.findFirstOrThrow({ where: { flowId: created.body.id } });
    expect(run).toMatchObject({ status: 'completed', version: 0, variables: { choice: 'Coffee' } });
    const inbound = await world.prisma.businessMessage.findMany({
      where: { businessId: simBusiness, waId: run.waId, direction: 'inbound' },
      orderBy: { id: 'asc' },
    });
    expect(inbound.map((m) => m.type)).toEqual(['text', 'interactive']);
    expect(await page.locator('[data-testid="simulator-chat"] li[data-from="me"]').allTextContents()).toEqual([
      'Hi',
      'Coffee',
    ]);
    await accessible(page);
    await world.screenshot(page, 'console-flows-simulator');

    // Bad input to the phone's routes gets the API's error shape.
    const typed = await page.evaluate(async () => {
      const bad = await fetch('/flows/simulator', { method: 'POST', body: '{"business_id":1}' });
      const none = await fetch('/flows/simulator/nope/messages', { method: 'POST', body: '{"text":"x"}' });
      return [bad.status, (await bad.json()).error?.code, none.status];
    });
    expect(typed).toEqual([400, 100, 404]);
  }, 240_000);
});
