import { Injectable } from '@nestjs/common';
import { MessagesDb } from '../log/messages-db';

const LAST_INBOUND_SQL = `
SELECT k.i, (extract(epoch from c."lastInboundAt") * 1000)::float8 AS "lastInboundMs"
FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(business_id, wa_id, i)
JOIN "Contact" c ON c."businessId" = k.business_id AND c."waId" = k.wa_id`;

/** When consumers last wrote, for the send path's window check: one prepared statement on the messages pool. */
@Injectable()
export class WindowRepository {
  constructor(private readonly db: MessagesDb) {}

  /** Epoch ms of each consumer's last inbound message, by position; undefined where it never wrote. */
  async lastInbound(keys: { businessId: string; waId: string }[]): Promise<(number | undefined)[]> {
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
