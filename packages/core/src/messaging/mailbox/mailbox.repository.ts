import { Injectable } from '@nestjs/common';
import type { DeviceRef, MessageKindCode, NewMessage, PendingEnvelope, StoredMessage } from './mailbox.types';
import { MailboxCounters } from './mailbox-counters';
import { MailboxDb, type Queryable } from './mailbox-db';

// Client message ids are unsigned 64-bit on the wire and signed bigint in Postgres.
const toDb = (id: bigint | null) => (id === null ? null : BigInt.asIntN(64, id).toString());
const fromDb = (v: string | null) => (v === null ? null : BigInt.asUintN(64, BigInt(v)));
/** Byte strings packed into one buffer (sent as a binary parameter), with their lengths (-1 for null). */
class Blob {
  readonly lengths: number[] = [];
  private readonly parts: Uint8Array[] = [];
  add(b: Uint8Array | null): void {
    this.lengths.push(b === null ? -1 : b.length);
    if (b) this.parts.push(b);
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/**
 * Inserts many messages with their envelopes in one statement (one round trip, atomic). Message ids are drawn first so
 * envelopes can reference them; ON CONFLICT skips client message ids already stored, and their envelopes with them.
 * Ciphertexts travel as one binary parameter sliced in SQL by their lengths (-1 for null): as a bytea[] array they
 * would be sent as escaped hex text, twice the bytes and a CPU cost on both ends.
 */
const INSERT_MESSAGES = `
WITH input AS MATERIALIZED (
  SELECT nextval(pg_get_serial_sequence('"MailboxMessage"', 'id')) AS id, t.*
  FROM unnest($1::smallint[], $2::uuid[], $3::int[], $4::bigint[], $5::bigint[], $6::int[], $15::bigint[])
    WITH ORDINALITY AS t(kind, sender, dev, cmid, ts, body_len, expires, ord)
), bodies AS (
  SELECT ord, CASE WHEN body_len < 0 THEN NULL
    ELSE substr($7::bytea, (sum(greatest(body_len, 0)) OVER (ORDER BY ord) - greatest(body_len, 0) + 1)::int, body_len)
    END AS body
  FROM input
), m AS (
  INSERT INTO "MailboxMessage" (id, kind, "senderAccountId", "senderDeviceId", "clientMessageId", "serverTimestamp", body,
    "expiresAt")
  SELECT id, kind, sender, dev, cmid, ts, bodies.body, expires FROM input JOIN bodies USING (ord) ORDER BY ord
  ON CONFLICT ("senderAccountId", "senderDeviceId", "clientMessageId") DO NOTHING
  RETURNING id
), x AS (
  SELECT x.*, CASE WHEN len < 0 THEN NULL
    ELSE substr($12::bytea, (sum(greatest(len, 0)) OVER (ORDER BY eord) - greatest(len, 0) + 1)::int, len)
    END AS content
  FROM unnest($8::int[], $9::uuid[], $10::int[], $11::smallint[], $13::int[], $14::bigint[])
    WITH ORDINALITY AS x(mord, acc, dev, type, len, guid, eord)
), e AS (
  INSERT INTO "MailboxEnvelope" (id, "messageId", "accountId", "deviceId", type, content)
  SELECT coalesce(x.guid, nextval(pg_get_serial_sequence('"MailboxEnvelope"', 'id'))), input.id, x.acc, x.dev, x.type,
    x.content
  FROM x JOIN input ON input.ord = x.mord JOIN m ON m.id = input.id
  ORDER BY x.eord
  RETURNING id, "messageId", "accountId", "deviceId"
)
SELECT input.ord::int AS ord, input.id::text AS mid, (m.id IS NOT NULL) AS created,
  e.id::text AS guid, e."accountId" AS acc, e."deviceId" AS dev
FROM input LEFT JOIN m ON m.id = input.id LEFT JOIN e ON e."messageId" = input.id`;

/**
 * What the relay needs before it may push a batch of messages it has not written yet (one round trip): their guids,
 * drawn from the envelope sequence in order (so a sender's later messages get larger guids, as stored ones do), and
 * which of them repeat a client message id already stored (those are not pushed again under new guids: the commit
 * recognises them and pushes the original's waiting envelopes).
 */
const INTAKE = `
SELECT false AS repeat, nextval(pg_get_serial_sequence('"MailboxEnvelope"', 'id'))::text AS v
FROM generate_series(1, $1::int)
UNION ALL
SELECT true, t.ord::text FROM unnest($2::uuid[], $3::int[], $4::bigint[]) WITH ORDINALITY AS t(acc, dev, cmid, ord)
WHERE EXISTS (SELECT 1 FROM "MailboxMessage" m
  WHERE m."senderAccountId" = t.acc AND m."senderDeviceId" = t.dev AND m."clientMessageId" = t.cmid)`;

const PENDING_COLUMNS = `e.id::text AS guid, e."accountId" AS acc, e."deviceId" AS dev, e.type, e.content,
  m.kind, m."senderAccountId" AS sender, m."senderDeviceId" AS "senderDev", m."clientMessageId"::text AS cmid,
  m."serverTimestamp"::text AS ts, m.body`;

interface PendingRow {
  guid: string;
  acc: string;
  dev: number;
  type: number;
  content: Buffer | null;
  kind: number;
  sender: string;
  senderDev: number;
  cmid: string | null;
  ts: string;
  body: Buffer | null;
}

const toPending = (r: PendingRow): PendingEnvelope => ({
  guid: Number(r.guid),
  accountId: r.acc,
  deviceId: r.dev,
  kind: r.kind as MessageKindCode,
  type: r.type,
  content: r.content,
  sender: { accountId: r.sender, deviceId: r.senderDev },
  clientMessageId: fromDb(r.cmid),
  serverTimestamp: Number(r.ts),
  body: r.body,
});

/**
 * SQL of the mailbox (MailboxMessage + MailboxEnvelope). Plain data in and out; no decisions here. The hot statements
 * are named (prepared once per connection): planning these CTEs costs Postgres more than running them.
 */
@Injectable()
export class MailboxRepository {
  constructor(
    readonly db: MailboxDb,
    private readonly counters: MailboxCounters,
  ) {}

  /** Guids for `envelopes` new envelopes, ascending, and the indexes of `messages` whose client id is stored. */
  async intake(envelopes: number, messages: NewMessage[]): Promise<{ guids: number[]; repeats: Set<number> }> {
    const withId = messages.flatMap((m, i) => (m.clientMessageId === null ? [] : [{ m, i }]));
    const { rows } = await this.db.pool.query<{ repeat: boolean; v: string }>({
      name: 'mailbox-intake',
      text: INTAKE,
      values: [
        envelopes,
        withId.map(({ m }) => m.sender.accountId),
        withId.map(({ m }) => m.sender.deviceId),
        withId.map(({ m }) => toDb(m.clientMessageId)),
      ],
    });
    const guids: number[] = [];
    const repeats = new Set<number>();
    for (const r of rows) {
      if (r.repeat) repeats.add(withId[Number(r.v) - 1]!.i);
      else guids.push(Number(r.v));
    }
    return { guids: guids.sort((a, b) => a - b), repeats };
  }

  async insertMessages(messages: NewMessage[], q: Queryable = this.db.pool): Promise<StoredMessage[]> {
    const m = { kind: [] as number[], sender: [] as string[], dev: [] as number[], cmid: [] as (string | null)[] };
    const ts: number[] = [];
    const expires: (number | null)[] = [];
    const bodies = new Blob();
    const e = { mord: [] as number[], acc: [] as string[], dev: [] as number[], type: [] as number[] };
    const contents = new Blob();
    const guids: (number | null)[] = [];
    messages.forEach((msg, i) => {
      m.kind.push(msg.kind);
      m.sender.push(msg.sender.accountId);
      m.dev.push(msg.sender.deviceId);
      m.cmid.push(toDb(msg.clientMessageId));
      ts.push(msg.serverTimestamp);
      expires.push(msg.expiresAt ?? null);
      bodies.add(msg.body);
      for (const env of msg.envelopes) {
        e.mord.push(i + 1);
        e.acc.push(env.accountId);
        e.dev.push(env.deviceId);
        e.type.push(env.type);
        guids.push(env.guid ?? null);
        contents.add(env.content);
      }
    });
    const { rows } = await q.query<{
      ord: number;
      mid: string;
      created: boolean;
      guid: string | null;
      acc: string | null;
      dev: number | null;
    }>({
      name: 'mailbox-insert',
      text: INSERT_MESSAGES,
      values: [
        m.kind,
        m.sender,
        m.dev,
        m.cmid,
        ts,
        bodies.lengths,
        bodies.bytes(),
        e.mord,
        e.acc,
        e.dev,
        e.type,
        contents.bytes(),
        contents.lengths,
        guids,
        expires,
      ],
    });

    const out: StoredMessage[] = messages.map((msg) => ({
      messageId: '',
      created: false,
      serverTimestamp: msg.serverTimestamp,
      guids: [],
    }));
    const guidByDevice = new Map<string, number>();
    for (const r of rows) {
      const o = out[r.ord - 1]!;
      o.messageId = r.mid;
      o.created = r.created;
      if (r.guid !== null) guidByDevice.set(`${r.ord}/${r.acc}/${r.dev}`, Number(r.guid));
    }
    messages.forEach((msg, i) => {
      const o = out[i]!;
      if (!o.created) return;
      o.guids = msg.envelopes.map((env) => guidByDevice.get(`${i + 1}/${env.accountId}/${env.deviceId}`)!);
      this.counters.rowsInserted += 1 + o.guids.length;
    });
    return out;
  }

  /** A repeated send: the message stored first under this client id, and its envelopes still waiting. */
  async findByClientId(
    sender: DeviceRef,
    clientMessageId: bigint,
  ): Promise<{ serverTimestamp: number; pending: PendingEnvelope[] } | undefined> {
    const { rows } = await this.db.query<PendingRow & { found: string }>(
      `SELECT m."serverTimestamp"::text AS found, ${PENDING_COLUMNS}
       FROM "MailboxMessage" m LEFT JOIN "MailboxEnvelope" e ON e."messageId" = m.id
       WHERE m."senderAccountId" = $1 AND m."senderDeviceId" = $2 AND m."clientMessageId" = $3
       ORDER BY e.id`,
      [sender.accountId, sender.deviceId, toDb(clientMessageId)],
    );
    if (!rows.length) return undefined;
    return {
      serverTimestamp: Number(rows[0]!.found),
      pending: rows.filter((r) => r.guid !== null).map(toPending),
    };
  }

  /** A page of a device's backlog in guid order, after `afterGuid`. */
  async backlogPage(device: DeviceRef, afterGuid: number, limit: number): Promise<PendingEnvelope[]> {
    const { rows } = await this.db.pool.query<PendingRow>({
      name: 'mailbox-backlog',
      text: `SELECT ${PENDING_COLUMNS}
        FROM "MailboxEnvelope" e JOIN "MailboxMessage" m ON m.id = e."messageId"
        WHERE e."accountId" = $1 AND e."deviceId" = $2 AND e.id > $3
          AND (m."expiresAt" IS NULL OR m."expiresAt" > $5)
        ORDER BY e.id LIMIT $4`,
      // A due disappearing message is not handed out any more, though the expiry pass has not removed it yet.
      values: [device.accountId, device.deviceId, afterGuid, limit, Date.now()],
    });
    return rows.map(toPending);
  }

  async deleteDevice(device: DeviceRef): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM "MailboxEnvelope" WHERE "accountId" = $1 AND "deviceId" = $2`,
      [device.accountId, device.deviceId],
    );
    return rowCount ?? 0;
  }
}
