import { createHash, randomUUID } from 'node:crypto';

/**
 * WhatsApp message ids in Meta's format: "wamid." + base64 of a small protobuf-like record holding the consumer's
 * wa_id, the direction and a unique id (Meta's decode to 0x1C 0x18 <len> <wa_id> 0x15 0x02 0x00 <dir> 0x18 <len>
 * <hex id> 0x00, where <dir> is 0x11 for a message the business sent and 0x12 for one it received). The unique part is
 * 24 upper-case hex digits.
 */
const DIRECTION = { outbound: 0x11, inbound: 0x12 } as const;
export type WamidDirection = keyof typeof DIRECTION;

export function encodeWamid(waId: string, direction: WamidDirection, uniqueHex: string): string {
  const id = Buffer.from(uniqueHex.slice(0, 24).toUpperCase(), 'latin1');
  const to = Buffer.from(waId, 'latin1');
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, to.length]),
    to,
    Buffer.from([0x15, 0x02, 0x00, DIRECTION[direction], 0x18, id.length]),
    id,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}

/** What a wamid of this format holds; undefined for anything else (ids from elsewhere are opaque). */
export function decodeWamid(wamid: string): { waId: string; direction: WamidDirection; uniqueHex: string } | undefined {
  if (!wamid.startsWith('wamid.')) return undefined;
  const r = Buffer.from(wamid.slice(6), 'base64');
  const toLength = r[2] ?? 0;
  const at = 3 + toLength;
  const direction = (Object.keys(DIRECTION) as WamidDirection[]).find((d) => DIRECTION[d] === r[at + 3]);
  const idLength = r[at + 5] ?? 0;
  const wellFormed =
    r[0] === 0x1c && r[1] === 0x18 && r[at] === 0x15 && r[at + 4] === 0x18 && r.length === at + 6 + idLength + 1;
  if (!wellFormed || !direction) return undefined;
  return {
    waId: r.subarray(3, at).toString('latin1'),
    direction,
    uniqueHex: r.subarray(at + 6, at + 6 + idLength).toString('latin1'),
  };
}

/**
 * A new id for a message the business sends. The unique part is 24 hex digits of a v4 UUID (92 random bits), so ids
 * need no coordination between API nodes; the log's unique index on wamid is the backstop. randomUUID rather than
 * randomBytes: it draws from a cached entropy pool instead of a system call per id, which showed in the send path's
 * profile.
 */
export function newWamid(waId: string): string {
  return encodeWamid(waId, 'outbound', randomUUID().replaceAll('-', ''));
}

/**
 * The wamid of a campaign's message to one consumer, the same every time it is computed: the unique part is a hash
 * of campaign and wa_id, so the log's unique index refuses a second send of one campaign to one consumer, whatever
 * retried or re-ran it.
 */
export function campaignWamid(campaignId: string, waId: string): string {
  return encodeWamid(waId, 'outbound', createHash('sha256').update(`campaign:${campaignId}:${waId}`).digest('hex'));
}

/**
 * The wamid of a consumer's message to the business, deterministic: the same core message redelivered gets the same
 * wamid, which the message log stores once.
 */
export function inboundWamid(waId: string, senderAccountId: string, clientMessageId: bigint): string {
  const hex = createHash('sha256').update(`${senderAccountId}:${clientMessageId}`).digest('hex');
  return encodeWamid(waId, 'inbound', hex);
}
