// The live half of `npm run bench -- inbox`: agents follow the inbox's event stream (SSE) while consumer devices write
// to the business number at a steady rate. Latency: a consumer's message accepted by the server (✓) → its `message`
// event on an agent's stream, for every agent (each sees every conversation). Missed: events an agent never got.
import { randomBytes } from 'node:crypto';
import { Connection, DeviceCrypto, MemoryStorage, Messenger, RestClient, registerWithDevCode } from '@switchboard/sdk';
import pg from 'pg';
import { percentile, round } from '../harness/stats';

export const DASHBOARD_ORIGIN = 'http://127.0.0.1:3999';

interface LiveOptions {
  apiUrl: string;
  databaseUrl: string;
  businessId: string;
  businessAccount: string;
  recipients: string[];
  agents: number;
  rate: number;
  seconds: number;
  log: (line: string) => void;
  cleanup: (what: string, fn: () => unknown) => void;
}

/** A console member of the business signed in through an owner invitation (what the setup link makes). */
async function signedInAgent(o: LiveOptions, i: number): Promise<string> {
  const id = randomBytes(18).toString('base64url');
  const db = new pg.Client({ connectionString: o.databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO "ConsoleInvitation" ("id", "organizationId", "email", "role", "expiresAt")
       VALUES ($1, $2, $3, 'owner', now() + interval '1 day')`,
      [id, o.businessId, `agent${i}-${id.slice(0, 6)}@bench.test`],
    );
  } finally {
    await db.end();
  }
  const res = await fetch(`${o.apiUrl}/console/v1/invitations/${id}/accept`, {
    method: 'POST',
    headers: { origin: DASHBOARD_ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Agent ${i}`, password: `pw-${randomBytes(12).toString('hex')}` }),
  });
  if (res.status !== 200) throw new Error(`agent ${i}: accept answered ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('switchboard.session_token='));
  return cookie!.split(';')[0]!;
}

/** Follows the stream; calls `onMessage(text, arrival)` for every `message` event's inbound text. */
async function follow(o: LiveOptions, cookie: string, onMessage: (text: string, at: number) => void) {
  const abort = new AbortController();
  const res = await fetch(`${o.apiUrl}/console/v1/businesses/${o.businessId}/inbox/events`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`stream answered ${res.status}`);
  o.cleanup('close an agent stream', () => abort.abort());
  const decoder = new TextDecoder();
  let buffer = '';
  let ready: () => void = () => {};
  const isReady = new Promise<void>((r) => {
    ready = r;
  });
  void (async () => {
    try {
      for await (const chunk of res.body!) {
        const at = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes('event: ready')) ready();
          if (!block.includes('event: message\n')) continue;
          const data = block.slice(block.indexOf('data: ') + 6);
          const m = (JSON.parse(data) as { message: { direction: string; text?: { body: string } } }).message;
          if (m.direction === 'inbound' && m.text) onMessage(m.text.body, at);
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
  await isReady;
}

async function consumer(o: LiveOptions, waId: string) {
  const { credentials, rest } = await registerWithDevCode(new RestClient({ baseUrl: o.apiUrl }), `+${waId}`);
  const storage = new MemoryStorage();
  const crypto = new DeviceCrypto(credentials, storage, rest);
  await crypto.publishKeys({ preKeys: 2, kyberPreKeys: 2 });
  const connection = new Connection({ baseUrl: o.apiUrl, credentials });
  const messenger = new Messenger(connection, crypto, storage);
  await connection.start();
  o.cleanup(`close consumer ${waId}`, () => connection.close());
  return (text: string) => messenger.sendContent(o.businessAccount, { text, rich: {} });
}

export async function measureLive(o: LiveOptions) {
  const cookies: string[] = [];
  for (let i = 0; i < o.agents; i++) cookies.push(await signedInAgent(o, i));
  const accepted = new Map<string, number>();
  const received = cookies.map(() => new Map<string, number>());
  await Promise.all(cookies.map((c, i) => follow(o, c, (text, at) => received[i]!.set(text, at))));
  const senders: ((text: string) => Promise<unknown>)[] = [];
  // Registered a few at a time: hundreds of registrations at once wait on the API's database pool.
  for (let i = 0; i < o.recipients.length; i += 10)
    senders.push(...(await Promise.all(o.recipients.slice(i, i + 10).map((w) => consumer(o, w)))));
  o.log(`${o.agents} agents following, ${senders.length} consumers; ${o.rate} messages/s for ${o.seconds} s`);

  const total = o.rate * o.seconds;
  const t0 = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let n = 0; n < total; n++) {
    const wait = t0 + (n * 1000) / o.rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const text = `bench ${n}`;
    sends.push(
      senders[n % senders.length]!(text).then(
        () => accepted.set(text, performance.now()),
        () => undefined,
      ),
    );
  }
  await Promise.all(sends);
  const complete = () => received.every((r) => [...accepted.keys()].every((t) => r.has(t)));
  // Until every agent has every accepted message, or nothing arrived for 15 s (bounded: 2 minutes).
  const stop = Date.now() + 120_000;
  let seen = -1;
  let progressAt = Date.now();
  while (!complete() && Date.now() < stop && Date.now() - progressAt < 15_000) {
    const now = received.reduce((s, r) => s + r.size, 0);
    if (now !== seen) [seen, progressAt] = [now, Date.now()];
    await new Promise((r) => setTimeout(r, 200));
  }
  const latencies: number[] = [];
  let missed = 0;
  for (const r of received)
    for (const [text, at] of accepted) {
      const arrival = r.get(text);
      if (arrival === undefined) missed++;
      else latencies.push(Math.max(0, arrival - at));
    }
  latencies.sort((a, b) => a - b);
  return {
    inbound_sent: total,
    inbound_accepted: accepted.size,
    event_p50_ms: round(percentile(latencies, 50), 1),
    event_p99_ms: round(percentile(latencies, 99), 1),
    missed_events: missed,
  };
}
