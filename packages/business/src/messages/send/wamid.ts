import { createHash, randomUUID } from 'node:crypto';

/**
 * A WhatsApp message id in Meta's format: "wamid." + base64 of a small protobuf-like record holding the consumer's
 * wa_id and a unique id (Meta's decode to 0x1C 0x18 <len> <wa_id> 0x15 0x02 0x00 0x11 0x18 <len> <hex id> 0x00).
 * The unique part is 24 hex digits of a v4 UUID (92 random bits), so ids need no coordination between API nodes; the
 * log's unique index on wamid is the backstop. randomUUID rather than randomBytes: it draws from a cached entropy
 * pool instead of a system call per id, which showed in the send path's profile.
 */
export function newWamid(waId: string): string {
  return wamidOf(waId, randomUUID().replaceAll('-', '').slice(0, 24));
}

/**
 * The wamid of a campaign's message to one consumer, the same every time it is computed: the unique part is a hash
 * of campaign and wa_id, so the log's unique index refuses a second send of one campaign to one consumer, whatever
 * retried or re-ran it.
 */
export function campaignWamid(campaignId: string, waId: string): string {
  return wamidOf(waId, createHash('sha256').update(`campaign:${campaignId}:${waId}`).digest('hex').slice(0, 24));
}

function wamidOf(waId: string, uniqueHex: string): string {
  const id = Buffer.from(uniqueHex.toUpperCase(), 'latin1');
  const to = Buffer.from(waId, 'latin1');
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, to.length]),
    to,
    Buffer.from([0x15, 0x02, 0x00, 0x11, 0x18, id.length]),
    id,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}
