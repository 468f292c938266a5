// Suite `flows`: chatbot flows end to end with real consumer devices. Conversations start at a steady rate (a keyword
// to the business number); each consumer answers every question 2 s after it arrives, through a 6-step flow (three
// questions, a variable, a condition, an end). Reply latency is the consumer's answer accepted by the server (✓) →
// the bot's next message delivered to that device. The API and one worker process run as processes of their own.
import { randomBytes } from 'node:crypto';
import { Connection, DeviceCrypto, MemoryStorage, Messenger, RestClient, registerWithDevCode } from '@switchboard/sdk';
import pg from 'pg';
import { percentile, round } from '../harness/stats';
import type { Suite } from '../types';
import { seedApiFixture } from './api-fixture';
import { waitForProvisioning } from './business-send';
import { startWorkers } from './webhooks/workers';

const QUESTIONS = 3;
const edge = (from: string, to: string, port = 'next') => ({ from, to, port });
const FLOW = {
  start: 'q1',
  variables: [
    { name: 'a1', type: 'string' },
    { name: 'a2', type: 'string' },
    { name: 'a3', type: 'string' },
    { name: 'summary', type: 'string' },
  ],
  nodes: [
    { id: 'q1', type: 'ask', text: 'Question 1', save_as: 'a1' },
    { id: 'q2', type: 'ask', text: 'Question 2', save_as: 'a2' },
    { id: 'q3', type: 'ask', text: 'Question 3', save_as: 'a3' },
    { id: 'sum', type: 'set_variable', variable: 'summary', value: '{{a1}}-{{a2}}-{{a3}}' },
    { id: 'check', type: 'condition', rules: [{ subject: 'var:a1', op: 'exists' }] },
    { id: 'done', type: 'end', text: 'Done {{summary}}' },
  ],
  edges: [edge('q1', 'q2'), edge('q2', 'q3'), edge('q3', 'sum'), edge('sum', 'check'), edge('check', 'done', 'rule:0')],
};

interface Conversation {
  received: string[];
  /** When the consumer's latest answer was accepted (✓), waiting for the bot's next message. */
  answeredAt?: number;
}

export const flowsSuite: Suite = {
  name: 'flows',
  description:
    'conversations through a 6-step flow with real consumer devices: reply latency, steps/s, lost, duplicates',
  options: [{ name: 'rate', description: 'new conversations per second (default 10)', takesValue: true }],
  async run(ctx) {
    const conversations = ctx.quick ? 200 : 1_000;
    const rate = Number(ctx.flags.get('rate') ?? 10);
    const answerDelayMs = 2_000;
    const env = await ctx.environment();
    const secretKey = `bench-${randomBytes(24).toString('hex')}`;
    const fixture = await seedApiFixture(env.databaseUrl, secretKey, conversations);
    const limits = {
      SECRET_KEY: secretKey,
      OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
      OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test', // consumers register with the development code endpoint
    };
    const api = await ctx.startApi({ env: limits });
    await startWorkers(1, env.processEnv(limits), { cleanups: ctx.cleanups, verbose: ctx.verbose, log: ctx.log });
    const businessAccount = await waitForProvisioning(env.databaseUrl, fixture.phoneNumberId);
    const businessId = await businessOf(env.databaseUrl, fixture.phoneNumberId);

    const call = async (path: string, body?: unknown) => {
      const res = await fetch(`${api.url}/v23.0/${businessId}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fixture.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const flow = await call('/flows', {
      name: 'bench',
      phone_number_ids: [fixture.phoneNumberId],
      triggers: [{ type: 'keyword', keywords: ['start'] }],
      definition: FLOW,
    });
    await call(`/flows/${flow.id}/publish`);

    const latencies: number[] = [];
    const state = new Map<string, Conversation>();
    const timers = new Set<NodeJS.Timeout>();
    const consumer = async (waId: string) => {
      const { credentials, rest } = await registerWithDevCode(new RestClient({ baseUrl: api.url }), `+${waId}`);
      const storage = new MemoryStorage();
      const crypto = new DeviceCrypto(credentials, storage, rest);
      await crypto.publishKeys({ preKeys: 2, kyberPreKeys: 2 });
      const connection = new Connection({ baseUrl: api.url, credentials });
      const messenger = new Messenger(connection, crypto, storage);
      const conv: Conversation = { received: [] };
      state.set(waId, conv);
      const answer = (text: string) =>
        messenger.sendContent(businessAccount, { text, rich: {} }).then(() => {
          conv.answeredAt = performance.now();
        });
      messenger.onMessage((m) => {
        if (conv.answeredAt !== undefined) latencies.push(performance.now() - conv.answeredAt);
        conv.answeredAt = undefined;
        conv.received.push(m.text);
        if (!m.text.startsWith('Question')) return;
        const t = setTimeout(() => {
          timers.delete(t);
          void answer(`answer ${conv.received.length}`);
        }, answerDelayMs);
        timers.add(t);
      });
      await connection.start();
      ctx.cleanups.add(`close consumer ${waId}`, () => connection.close());
      return { waId, start: () => messenger.sendContent(businessAccount, { text: 'start', rich: {} }) };
    };
    // Registered a few at a time: hundreds of registrations at once wait on the API's database pool.
    const consumers: Awaited<ReturnType<typeof consumer>>[] = [];
    for (let i = 0; i < fixture.recipients.length; i += 10)
      consumers.push(...(await Promise.all(fixture.recipients.slice(i, i + 10).map(consumer))));
    ctx.log(`${consumers.length} consumers connected; starting ${rate} conversations/s`);

    const t0 = performance.now();
    for (const [i, c] of consumers.entries()) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      void c.start();
    }
    const expected = QUESTIONS + 1;
    const done = () => [...state.values()].filter((c) => c.received.length >= expected).length;
    // Until every conversation is complete, or none has progressed for 15 s (bounded: 3 minutes in all).
    const hardStop = Date.now() + 180_000;
    let progressAt = Date.now();
    let seen = -1;
    while (done() < conversations && Date.now() < hardStop && Date.now() - progressAt < 15_000) {
      const now = latencies.length + done();
      if (now !== seen) [seen, progressAt] = [now, Date.now()];
      await new Promise((r) => setTimeout(r, 100));
    }
    const elapsed = (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 1_000)); // late doubles would arrive now
    for (const t of timers) clearTimeout(t);

    const want = ['Question 1', 'Question 2', 'Question 3'];
    let lost = 0;
    let duplicates = 0;
    for (const c of state.values()) {
      const finals = c.received.filter((t) => t.startsWith('Done'));
      if (finals.length === 0 || want.some((q) => !c.received.includes(q))) lost++;
      duplicates += c.received.length - new Set(c.received).size;
    }
    const steps = await stepsOf(env.databaseUrl, flow.id);
    const sorted = [...latencies].sort((a, b) => a - b);
    ctx.log(`${done()} of ${conversations} conversations complete after ${elapsed.toFixed(1)} s; ${steps} steps`);
    return {
      conversations,
      reply_p50_ms: round(percentile(sorted, 50), 1),
      reply_p99_ms: round(percentile(sorted, 99), 1),
      steps_per_s: round(steps / elapsed, 1),
      lost,
      duplicates,
    };
  },
};

async function businessOf(databaseUrl: string, phoneNumberId: string): Promise<string> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT "businessId" FROM "BusinessNumber" WHERE "id" = $1`, [phoneNumberId]);
    return rows[0].businessId as string;
  } finally {
    await db.end();
  }
}

async function stepsOf(databaseUrl: string, flowId: string): Promise<number> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM "FlowRunStep" s JOIN "FlowRun" r ON r.id = s."runId" WHERE r."flowId" = $1`,
      [flowId],
    );
    return rows[0].n as number;
  } finally {
    await db.end();
  }
}
