import type { PrismaService } from '@switchboard/platform';
import { countLedger, countMessages } from './progress.repository';

export interface Progress {
  pending: number;
  queued: number;
  sent: number;
  delivered: number;
  read: number;
  failed: { total: number; by_code: Record<string, number> };
  skipped: { total: number; by_reason: Record<string, number> };
}

const empty = (): Progress => ({
  pending: 0,
  queued: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  failed: { total: 0, by_code: {} },
  skipped: { total: 0, by_reason: {} },
});

/**
 * Live progress of campaigns (one, or a page of them): two GROUP BY statements (progress.repository), whatever the
 * number of campaigns.
 * Measured once on this machine (PostgreSQL 15, 2 shared cores, warm cache, freshly vacuumed) for one campaign of
 * 1,000,000 recipients: the ledger query takes ~370 ms while all are PENDING (an index-only count) and ~15-60 ms
 * once they are dispatched (only SKIPPED/FAILED rows are read); the messages query takes ~370-580 ms over 1,000,000
 * messages (an index-only count of 800,000 non-failed ones, a bitmap heap scan of 200,000 failed ones for their
 * code). Both grow linearly with the rows counted, so a list page of large campaigns costs the sum of theirs.
 */
export async function progressOf(prisma: PrismaService['client'], ids: string[]): Promise<Map<string, Progress>> {
  const out = new Map(ids.map((id) => [id, empty()]));
  if (!ids.length) return out;
  const [ledger, messages] = await Promise.all([countLedger(prisma, ids), countMessages(prisma, ids)]);
  for (const r of ledger) {
    const p = out.get(r.id)!;
    if (r.state === 'PENDING') p.pending += r.n;
    else if (r.state === 'SKIPPED') add(p.skipped, p.skipped.by_reason, r.reason ?? 'unknown', r.n);
    else add(p.failed, p.failed.by_code, r.reason ?? 'unknown', r.n);
  }
  for (const r of messages) {
    const p = out.get(r.id)!;
    if (r.status === 'failed') add(p.failed, p.failed.by_code, r.code ?? 'unknown', r.n);
    else p[r.status as 'queued' | 'sent' | 'delivered' | 'read'] += r.n;
  }
  return out;
}

function add(bucket: { total: number }, counts: Record<string, number>, name: string, n: number) {
  bucket.total += n;
  counts[name] = (counts[name] ?? 0) + n;
}
