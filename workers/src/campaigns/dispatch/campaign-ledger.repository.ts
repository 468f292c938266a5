import { Injectable } from '@nestjs/common';
import { SEND_OUTBOX_CHANNEL } from '@switchboard/business/messages/log/outbox-wake';
import type pg from 'pg';
import { CampaignsDb } from './campaigns-db';

/**
 * The next recipients of a campaign after `seq` $3 (the slice's cursor), in audience order, locked for this
 * transaction: SKIP LOCKED lets a second dispatcher of the same campaign (after a crash or a Redis flush both can run
 * for a while) take the rows after these instead of waiting for them or taking them twice.
 */
const CLAIM_SQL = `
SELECT "seq", "waId", "variables" FROM "CampaignRecipient"
WHERE "campaignId" = $1 AND "state" = 'PENDING' AND "seq" > $3 AND ("notBefore" IS NULL OR "notBefore" <= now())
ORDER BY "seq" LIMIT $2 FOR UPDATE SKIP LOCKED`;

/**
 * Run before CLAIM_SQL in its transaction. The claim must walk the (campaignId, state, seq) index in order and stop
 * after a batch; with statistics that undercount a fresh ledger (1,000,000 rows inserted by one statement, not yet
 * analyzed) the planner chose a bitmap scan of every PENDING row plus a sort instead — 1.5 s a claim, measured.
 */
const CLAIM_PLAN_SQL = `SET LOCAL enable_bitmapscan = off`;

/** What the claimed recipients' contacts say now: their window and whether they opted out since the build. */
const CONTACTS_SQL = `
SELECT "waId", "lastInboundAt", "optStatus" FROM "Contact" WHERE "businessId" = $1 AND "waId" = ANY($2::text[])`;

/**
 * Dispatching a batch in one statement: each PENDING row becomes DISPATCHED with its wamid, and — only for rows that
 * this statement moved — the message is logged (queued, tagged with the campaign), queued in the send outbox, and
 * consumers contacted outside a service window are recorded for the messaging limit. A row already moved by
 * another dispatcher is left out of everything, and the wamid's unique index refuses a second message besides.
 * The message's time ($9, epoch ms) is the start of the throughput slots its batch booked — when the limiter let it
 * go, on Redis's one clock — not the statement's own clock: the commit follows within milliseconds, but how many
 * depends on the machine, and slot times are what keeps every 1-second window within the number's rate.
 */
const DISPATCH_SQL = `
WITH input AS (
  SELECT * FROM unnest($4::int[], $5::text[], $6::text[], $7::text[], $8::bool[])
    AS t(seq, wamid, wa_id, payload, initiated)
),
moved AS (
  UPDATE "CampaignRecipient" r SET "state" = 'DISPATCHED', "wamid" = i.wamid, "dispatchedAt" = to_timestamp($9 / 1000.0)
  FROM input i
  WHERE r."campaignId" = $1 AND r."seq" = i.seq AND r."state" = 'PENDING'
  RETURNING r."seq"
),
logged AS (
  INSERT INTO "BusinessMessage" ("wamid", "businessId", "phoneNumberId", "direction", "waId", "type", "payload",
                                 "status", "campaignId", "createdAt")
  SELECT i.wamid, $2, $3, 'outbound', i.wa_id, 'template', i.payload::jsonb, 'queued', $1, to_timestamp($9 / 1000.0)
  FROM input i JOIN moved USING (seq)
  ON CONFLICT ("wamid") DO NOTHING
  RETURNING "id", "wamid", "waId"
),
queued AS (
  INSERT INTO "SendOutbox" ("kind", "businessId", "phoneNumberId", "messageId", "wamid", "waId")
  SELECT 'message', $2, $3, "id", "wamid", "waId" FROM logged
  RETURNING 1
),
contacted AS (
  INSERT INTO "BusinessInitiatedContact" ("businessId", "waId", "lastAt")
  SELECT $2, i.wa_id, to_timestamp($9 / 1000.0) FROM input i JOIN moved USING (seq) WHERE i.initiated
  ON CONFLICT ("businessId", "waId") DO UPDATE SET "lastAt" = EXCLUDED."lastAt"
  RETURNING 1
)
SELECT (SELECT count(*) FROM moved)::int AS moved, (SELECT count(*) FROM queued)::int AS queued`;

/** Final skips found at dispatch time (opted out since the build, a variable missing): PENDING → SKIPPED. */
const SKIP_SQL = `
UPDATE "CampaignRecipient" r SET "state" = 'SKIPPED', "reason" = t.reason
FROM unnest($2::int[], $3::text[]) AS t(seq, reason)
WHERE r."campaignId" = $1 AND r."seq" = t.seq AND r."state" = 'PENDING'`;

/** Recipients a limit defers (the pair rate): they stay PENDING until `notBefore`. */
const DEFER_SQL = `
UPDATE "CampaignRecipient" r SET "notBefore" = now() + t.ms * interval '1 millisecond'
FROM unnest($2::int[], $3::int[]) AS t(seq, ms)
WHERE r."campaignId" = $1 AND r."seq" = t.seq AND r."state" = 'PENDING'`;

export interface ClaimedRecipient {
  seq: number;
  waId: string;
  variables: Record<string, unknown> | null;
}

export interface Dispatch {
  seq: number;
  wamid: string;
  waId: string;
  /** JSON text of the BusinessMessage payload (`{ template, rendered }`, as the send endpoint logs it). */
  payload: string;
  /** Contacted outside an open customer-service window (counts toward the messaging limit). */
  initiated: boolean;
}

function dispatchParams(campaignId: string, businessId: string, phoneNumberId: string, rows: Dispatch[], atMs: number) {
  return [
    campaignId,
    businessId,
    phoneNumberId,
    rows.map((r) => r.seq),
    rows.map((r) => r.wamid),
    rows.map((r) => r.waId),
    rows.map((r) => r.payload),
    rows.map((r) => r.initiated),
    atMs,
  ];
}

export interface ClaimedContact {
  waId: string;
  lastInboundAt: Date | null;
  optStatus: string;
}

/**
 * The per-recipient campaign ledger as the dispatcher moves it (docs/campaigns.md, "Dispatch"): a batch claims,
 * dispatches, skips and defers its recipients inside one transaction of the campaigns pool (`transaction`), whose row
 * locks it holds across the throughput wait.
 */
@Injectable()
export class CampaignLedgerRepository {
  constructor(private readonly db: CampaignsDb) {}

  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The next `size` PENDING recipients after `afterSeq`, locked for the transaction. */
  async claim(client: pg.PoolClient, campaignId: string, size: number, afterSeq: number): Promise<ClaimedRecipient[]> {
    await client.query(CLAIM_PLAN_SQL);
    return (await client.query<ClaimedRecipient>(CLAIM_SQL, [campaignId, size, afterSeq])).rows;
  }

  /** The claimed recipients' contacts as they are now, by wa_id (unknown consumers are absent). */
  async contacts(client: pg.PoolClient, businessId: string, waIds: string[]): Promise<Map<string, ClaimedContact>> {
    const { rows } = await client.query<ClaimedContact>(CONTACTS_SQL, [businessId, waIds]);
    return new Map(rows.map((c) => [c.waId, c]));
  }

  /** DISPATCH_SQL for these rows, at the start of the throughput slots their batch booked (epoch ms). */
  async dispatch(
    client: pg.PoolClient,
    campaign: { id: string; businessId: string; phoneNumberId: string },
    rows: Dispatch[],
    atMs: number,
  ): Promise<void> {
    if (!rows.length) return;
    await client.query(
      DISPATCH_SQL,
      dispatchParams(campaign.id, campaign.businessId, campaign.phoneNumberId, rows, atMs),
    );
  }

  async skip(client: pg.PoolClient, campaignId: string, skips: { seq: number; reason: string }[]): Promise<void> {
    if (!skips.length) return;
    await client.query(SKIP_SQL, [campaignId, skips.map((s) => s.seq), skips.map((s) => s.reason)]);
  }

  async defer(client: pg.PoolClient, campaignId: string, deferred: { seq: number; ms: number }[]): Promise<void> {
    if (!deferred.length) return;
    await client.query(DEFER_SQL, [campaignId, deferred.map((d) => d.seq), deferred.map((d) => d.ms)]);
  }

  /** After the commit: the send pipeline hears of the new outbox rows now rather than at its next sweep. */
  wakeSendPipeline(): void {
    void this.db.query(`SELECT pg_notify('${SEND_OUTBOX_CHANNEL}', '')`).catch(() => undefined);
  }
}
