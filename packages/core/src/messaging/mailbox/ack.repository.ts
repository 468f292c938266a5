import { Injectable } from '@nestjs/common';
import type { DeviceRef, MessageKindCode, PendingEnvelope } from './mailbox.types';
import { MessageKind } from './mailbox.types';
import { MailboxCounters } from './mailbox-counters';
import { MailboxDb } from './mailbox-db';

/** One device's ack: the guids it has. */
export interface AckInput {
  device: DeviceRef;
  guids: number[];
}

/** Who gets delivery receipts for messages from `sender`: its active devices. */
export interface ReceiptTargets {
  sender: string;
  devices: number[];
}

export interface AckOutcome {
  /** Envelopes removed, per acking device ("account/device" → count). */
  removed: Map<string, number>;
  /** Receipts stored, ready to push (sender = the acking device). */
  receipts: PendingEnvelope[];
}

const RECEIPT_IDS_PER_FRAME = 1024;

/**
 * One statement (atomic on its own, one round trip): delete the acked envelopes (only the acking device's own); store
 * a delivery receipt per (acking device, original sender) — its body the acked client ids, 8 bytes each — for every
 * device of the sender, only for envelopes this statement really deleted (a repeated ack earns nothing); and drop the
 * messages left with no envelope that have nothing more to do (receipts at once, messages once their client id no
 * longer needs remembering); a group message's (shared body) delivery to the member is kept for its message info
 * (GroupMessageReceipt, packages/core/src/groups/group-receipts.ts). A statement does not see its own deletions, hence
 * "no envelope other than those in d".
 */
const ACK = `
WITH d AS (
  DELETE FROM "MailboxEnvelope" e USING unnest($1::bigint[], $2::uuid[], $3::int[]) AS a(id, acc, dev)
  WHERE e.id = a.id AND e."accountId" = a.acc AND e."deviceId" = a.dev
  RETURNING e.id, e."messageId", e."accountId", e."deviceId"
), info AS (
  SELECT d.id, d."accountId" AS acc, d."deviceId" AS dev, m.kind, m."senderAccountId" AS sender,
    m."clientMessageId" AS cmid, m.body IS NOT NULL AS shared
  FROM d JOIN "MailboxMessage" m ON m.id = d."messageId"
), group_delivered AS (
  INSERT INTO "GroupMessageReceipt" ("senderAccountId", "clientMessageId", "memberAccountId", "deliveredAt")
  SELECT info.sender, info.cmid, info.acc, to_timestamp($5::bigint / 1000.0) AT TIME ZONE 'UTC'
  FROM info JOIN "GroupMessage" g ON g."senderAccountId" = info.sender AND g."clientMessageId" = info.cmid
  WHERE info.shared AND info.kind = 1 AND info.acc <> info.sender
  ON CONFLICT DO NOTHING
), finished AS (
  DELETE FROM "MailboxMessage" m USING (SELECT DISTINCT "messageId" FROM d) x
  WHERE m.id = x."messageId" AND (m.kind <> 1 OR m."serverTimestamp" < $4)
    AND NOT EXISTS (
      SELECT 1 FROM "MailboxEnvelope" e WHERE e."messageId" = m.id AND e.id NOT IN (SELECT id FROM d))
), numbered AS (
  SELECT info.*, (row_number() OVER (PARTITION BY acc, dev, sender ORDER BY id) - 1) / ${RECEIPT_IDS_PER_FRAME} AS chunk
  FROM info WHERE kind = 1 AND acc <> sender
), grouped AS (
  SELECT acc, dev, sender, string_agg(int8send(cmid), ''::bytea ORDER BY id) AS body
  FROM numbered GROUP BY acc, dev, sender, chunk
), rm AS MATERIALIZED (
  SELECT nextval(pg_get_serial_sequence('"MailboxMessage"', 'id')) AS id, grouped.* FROM grouped
  WHERE grouped.sender = ANY($6::uuid[])
), ins_m AS (
  INSERT INTO "MailboxMessage" (id, kind, "senderAccountId", "senderDeviceId", "clientMessageId", "serverTimestamp", body)
  SELECT id, 2, acc, dev, NULL, $5, body FROM rm
), ins_e AS (
  INSERT INTO "MailboxEnvelope" ("messageId", "accountId", "deviceId", type, content)
  SELECT rm.id, t.sender, t.dev, 0, NULL
  FROM rm JOIN unnest($6::uuid[], $7::int[]) AS t(sender, dev) ON t.sender = rm.sender
  ORDER BY rm.id, t.dev
  RETURNING id, "messageId", "accountId", "deviceId"
)
SELECT false AS receipt, info.id::text AS guid, info.acc, info.dev, NULL::uuid AS "fromAcc", NULL::int AS "fromDev",
  NULL::bytea AS body, NULL::text AS mid
FROM info
UNION ALL
SELECT true, ins_e.id::text, ins_e."accountId", ins_e."deviceId", rm.acc, rm.dev, rm.body, rm.id::text
FROM ins_e JOIN rm ON rm.id = ins_e."messageId"`;

/** The ack path's SQL (see ACK). */
@Injectable()
export class AckRepository {
  constructor(
    private readonly db: MailboxDb,
    private readonly counters: MailboxCounters,
  ) {}

  /** The accounts whose messages (not copies of one's own, not receipts) these guids of `device` carry. */
  async sendersOf(acks: AckInput[]): Promise<string[]> {
    const { ids, accs, devs } = flatten(acks);
    const { rows } = await this.db.query<{ sender: string }>(
      `SELECT DISTINCT m."senderAccountId" AS sender
       FROM unnest($1::bigint[], $2::uuid[], $3::int[]) AS a(id, acc, dev)
       JOIN "MailboxEnvelope" e ON e.id = a.id AND e."accountId" = a.acc AND e."deviceId" = a.dev
       JOIN "MailboxMessage" m ON m.id = e."messageId"
       WHERE m.kind = 1 AND m."senderAccountId" <> a.acc`,
      [ids, accs, devs],
    );
    return rows.map((r) => r.sender);
  }

  async acknowledge(
    acks: AckInput[],
    targets: ReceiptTargets[],
    now: number,
    dedupCutoff: number,
  ): Promise<AckOutcome> {
    const { ids, accs, devs } = flatten(acks);
    const tSender: string[] = [];
    const tDev: number[] = [];
    for (const t of targets) {
      for (const dev of t.devices) {
        tSender.push(t.sender);
        tDev.push(dev);
      }
    }
    const { rows } = await this.db.pool.query<{
      receipt: boolean;
      guid: string;
      acc: string;
      dev: number;
      fromAcc: string | null;
      fromDev: number | null;
      body: Buffer | null;
      mid: string | null;
    }>({ name: 'mailbox-ack', text: ACK, values: [ids, accs, devs, dedupCutoff, now, tSender, tDev] });
    const removed = new Map<string, number>();
    const receipts: PendingEnvelope[] = [];
    const receiptMessages = new Set<string>();
    for (const r of rows) {
      if (!r.receipt) {
        const key = `${r.acc}/${r.dev}`;
        removed.set(key, (removed.get(key) ?? 0) + 1);
        continue;
      }
      receiptMessages.add(r.mid!);
      receipts.push({
        guid: Number(r.guid),
        accountId: r.acc,
        deviceId: r.dev,
        kind: MessageKind.DeliveredReceipt as MessageKindCode,
        type: 0,
        content: null,
        sender: { accountId: r.fromAcc!, deviceId: r.fromDev! },
        clientMessageId: null,
        serverTimestamp: now,
        body: r.body,
      });
    }
    this.counters.rowsInserted += receipts.length + receiptMessages.size;
    return { removed, receipts };
  }
}

function flatten(acks: AckInput[]) {
  const ids: number[] = [];
  const accs: string[] = [];
  const devs: number[] = [];
  for (const a of acks) {
    for (const g of a.guids) {
      ids.push(g);
      accs.push(a.device.accountId);
      devs.push(a.device.deviceId);
    }
  }
  return { ids, accs, devs };
}
