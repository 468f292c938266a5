// Target for the webhooks suite: a webhook endpoint in a process of its own. It verifies every POST's signature over
// the raw body (as a receiver must), optionally fails a share of POSTs with 500 before looking at them, and keeps the
// figures the suite asks for at GET /stats: acknowledged updates, unique (message, status) pairs, statuses that came
// after a later status of the same message (out of order), bad signatures, and emit→acknowledge latencies.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const RANK: Record<string, number> = { sent: 0, delivered: 1, read: 2 };
const secret = process.env.APP_SECRET ?? '';

interface Change {
  value: { statuses?: { id: string; status: string }[]; emitted_at?: number };
}

let failRate = 0;
let stats = fresh();
function fresh() {
  return {
    posts: 0,
    failed_posts: 0,
    updates: 0,
    bad_signatures: 0,
    out_of_order: 0,
    unique: new Set<string>(),
    highest: new Map<string, number>(),
    latencies: [] as number[],
    first_ms: 0,
    /** Updates in the first acknowledged POST: a rate from first_ms on must leave them out. */
    first_updates: 0,
    last_ms: 0,
  };
}

function signed(raw: Buffer, header: string | string[] | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
  const given = Buffer.from(typeof header === 'string' ? header : '');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function record(changes: Change[], now: number): void {
  for (const { value } of changes) {
    stats.updates++;
    if (value.emitted_at) stats.latencies.push(now - value.emitted_at);
    const s = value.statuses?.[0];
    if (!s) continue;
    const rank = RANK[s.status] ?? 0;
    const highest = stats.highest.get(s.id) ?? -1;
    if (rank < highest) stats.out_of_order++;
    else stats.highest.set(s.id, rank);
    stats.unique.add(`${s.id}/${rank}`);
  }
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    const sorted = Float64Array.from(stats.latencies).sort();
    const at = (p: number) =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
    const { unique, highest: _, latencies: __, ...counts } = stats;
    const body = JSON.stringify({ ...counts, unique: unique.size, latency_p50_ms: at(50), latency_p99_ms: at(99) });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  if (req.method === 'POST' && req.url?.startsWith('/reset')) {
    failRate = Number(new URL(req.url, 'http://x').searchParams.get('fail') ?? 0);
    stats = fresh();
    res.writeHead(204).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    stats.posts++;
    // A failing receiver fails before it processes anything, as an overloaded or restarting one would.
    if (Math.random() < failRate) {
      stats.failed_posts++;
      res.writeHead(500).end();
      return;
    }
    const raw = Buffer.concat(chunks);
    if (!signed(raw, req.headers['x-hub-signature-256'])) {
      stats.bad_signatures++;
      res.writeHead(401).end();
      return;
    }
    const now = Date.now();
    const body = JSON.parse(raw.toString('utf8')) as { entry: { changes: Change[] }[] };
    if (!stats.first_ms) {
      stats.first_ms = now;
      stats.first_updates = body.entry.reduce((n, e) => n + e.changes.length, 0);
    }
    stats.last_ms = now;
    for (const entry of body.entry) record(entry.changes, now);
    res.writeHead(200).end();
  });
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
