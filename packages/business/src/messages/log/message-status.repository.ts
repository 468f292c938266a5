import { Injectable } from '@nestjs/common';
import { MESSAGE_STATUS_MOVES, type OutboundStatus } from '../message-status';
import type { RawQueryClient, StatusChange } from './message-log.service';

/**
 * MESSAGE_STATUS_MOVES as an SQL test of the row's status against the target $2. A CASE, which no index matches: only
 * the wamid index can serve the updates below, whatever the statistics say (a young table's stale statistics, few
 * 'queued' rows, made the planner loop over the status index comparing every row with every wamid).
 */
const MOVABLE = (status: string) =>
  `CASE ${status} ${Object.entries(MESSAGE_STATUS_MOVES)
    .filter(([, to]) => to.length)
    .map(([from, to]) => `WHEN '${from}' THEN $2 IN (${to.map((s) => `'${s}'`).join(', ')})`)
    .join(' ')} ELSE false END`;

const RETURNING = `RETURNING m."id", m."wamid", m."businessId", m."phoneNumberId", m."waId", m."status",
  m."bizOpaqueCallbackData"`;

/**
 * Move an outbound message forward (MESSAGE_STATUS_MOVES). Earlier timestamps a jump skipped are filled with this
 * one. $1 wamid, $2 status, $3 at, $4 error JSON (failed only). Returns the row when it changed, nothing otherwise.
 */
const MARK_SQL = `
UPDATE "BusinessMessage" m SET
  "status" = $2::"BusinessMessageStatus",
  "sentAt" = CASE WHEN $2 IN ('sent', 'delivered', 'read') THEN COALESCE("sentAt", $3::timestamp(3)) ELSE "sentAt" END,
  "deliveredAt" = CASE WHEN $2 IN ('delivered', 'read') THEN COALESCE("deliveredAt", $3::timestamp(3)) ELSE "deliveredAt" END,
  "readAt" = CASE WHEN $2 = 'read' THEN $3::timestamp(3) ELSE "readAt" END,
  "failedAt" = CASE WHEN $2 = 'failed' THEN $3::timestamp(3) ELSE "failedAt" END,
  "error" = CASE WHEN $2 = 'failed' THEN $4::jsonb ELSE "error" END
WHERE m."wamid" = $1 AND m."direction" = 'outbound' AND ${MOVABLE('m."status"')}
${RETURNING}`;

/**
 * MARK_SQL for many messages to one delivery step: $1 wamids, $2 step, $3 times (ISO), by position. No join to
 * unnest($1, $3) either, for the same reason as the CASE (status-plans.integration.test.ts).
 */
export const MARK_MANY_SQL = `
UPDATE "BusinessMessage" m SET
  "status" = $2::"BusinessMessageStatus",
  "sentAt" = COALESCE(m."sentAt", ($3::timestamp(3)[])[array_position($1::text[], m."wamid")]),
  "deliveredAt" = CASE WHEN $2 IN ('delivered', 'read')
    THEN COALESCE(m."deliveredAt", ($3::timestamp(3)[])[array_position($1::text[], m."wamid")])
    ELSE m."deliveredAt" END,
  "readAt" = CASE WHEN $2 = 'read' THEN ($3::timestamp(3)[])[array_position($1::text[], m."wamid")] ELSE m."readAt" END
WHERE m."wamid" = ANY($1::text[]) AND m."direction" = 'outbound' AND ${MOVABLE('m."status"')}
${RETURNING}`;

/** Locks the rows of many messages in one order (wamid), so two transactions moving many at once cannot deadlock. */
const LOCK_MANY_SQL = `SELECT count(*) FROM (SELECT 1 FROM "BusinessMessage" WHERE "wamid" = ANY($1::text[])
  ORDER BY "wamid" FOR UPDATE) AS l`;

/** Outbound message statuses in the message log, in the caller's transaction (the status webhook goes with it). */
@Injectable()
export class MessageStatusRepository {
  /** The row when the status moved, undefined when it was already there or beyond. */
  async mark(
    tx: RawQueryClient,
    wamid: string,
    status: OutboundStatus,
    at: Date,
    error: string | null,
  ): Promise<StatusChange | undefined> {
    const rows = await tx.$queryRawUnsafe<StatusChange[]>(MARK_SQL, wamid, status, at.toISOString(), error);
    return rows[0];
  }

  /** Many messages to `step` at their own times; the rows that moved. Lock them first (lockMany). */
  markMany(tx: RawQueryClient, step: OutboundStatus, moves: Map<string, Date>): Promise<StatusChange[]> {
    return tx.$queryRawUnsafe<StatusChange[]>(
      MARK_MANY_SQL,
      [...moves.keys()],
      step,
      [...moves.values()].map((at) => at.toISOString()),
    );
  }

  async lockMany(tx: RawQueryClient, wamids: string[]): Promise<void> {
    await tx.$queryRawUnsafe(LOCK_MANY_SQL, [...new Set(wamids)]);
  }
}
