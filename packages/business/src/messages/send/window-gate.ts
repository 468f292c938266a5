import { Injectable } from '@nestjs/common';
import { WriteBatcher } from '@switchboard/core/messaging/mailbox/write-batcher';
import { windowClosesAt, windowOpen } from '../../contacts/service-window';
import { MessagesDb } from '../log/messages-db';

const MAX_CACHED = 100_000;

const LAST_INBOUND_SQL = `
SELECT k.i, (extract(epoch from c."lastInboundAt") * 1000)::float8 AS "lastInboundMs"
FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(business_id, wa_id, i)
JOIN "Contact" c ON c."businessId" = k.business_id AND c."waId" = k.wa_id`;

/**
 * The 24-hour customer-service window for free-form sends — ContactsService.windowOpen's rule (the consumer's last
 * inbound message less than 24 hours ago, contacts/service-window), answered without a query per send: a window only ever moves forward
 * (recordInbound keeps the latest time), so "open until T" stays true until T and is cached; a closed or unknown
 * window is always re-read. Lookups that arrive while one is in flight are read together in one statement.
 */
@Injectable()
export class WindowGate {
  private readonly openUntil = new Map<string, number>();
  private readonly reads: WriteBatcher<{ businessId: string; waId: string }, number | undefined>;

  constructor(private readonly db: MessagesDb) {
    this.reads = new WriteBatcher((keys) => this.lastInbound(keys), { maxBatch: 500, maxInFlight: 2 });
  }

  async isOpen(businessId: string, waId: string, now = Date.now()): Promise<boolean> {
    const key = `${businessId}/${waId}`;
    if ((this.openUntil.get(key) ?? 0) > now) return true;
    const last = await this.reads.submit({ businessId, waId });
    if (!windowOpen(last, now)) return false;
    if (this.openUntil.size >= MAX_CACHED) this.openUntil.clear();
    this.openUntil.set(key, windowClosesAt(last)!);
    return true;
  }

  private async lastInbound(keys: { businessId: string; waId: string }[]): Promise<(number | undefined)[]> {
    const { rows } = await this.db.prepared<{ i: string; lastInboundMs: number | null }>(
      'sb_window_last_inbound',
      LAST_INBOUND_SQL,
      [keys.map((k) => k.businessId), keys.map((k) => k.waId)],
    );
    // Dense, not `new Array(n)`: a batcher maps over the answers, and map() skips the holes of a sparse array.
    const found = Array.from<number | undefined>({ length: keys.length });
    for (const r of rows) if (r.lastInboundMs !== null) found[Number(r.i) - 1] = r.lastInboundMs;
    return found;
  }
}
