import { createHash } from 'node:crypto';

/**
 * The core message id (u64) a business message travels as: derived from its wamid, so a retried send repeats the
 * same id and the core stores it once (exactly once toward the consumer).
 */
export function clientIdOf(wamid: string): bigint {
  return createHash('sha256').update(wamid).digest().readBigUInt64BE(0);
}

/** A read receipt's id, derived likewise (a retried mark-as-read is de-duplicated by the core). */
export function readReceiptIdOf(wamid: string): bigint {
  return createHash('sha256').update(`read:${wamid}`).digest().readBigUInt64BE(0);
}

/**
 * The wamid of a consumer's message, in Meta's format (see messages/send/wamid.ts) but deterministic: the same core
 * message redelivered gets the same wamid, which the message log stores once.
 */
export function inboundWamid(waId: string, senderAccountId: string, clientMessageId: bigint): string {
  const hex = createHash('sha256').update(`${senderAccountId}:${clientMessageId}`).digest('hex');
  const id = Buffer.from(hex.slice(0, 24).toUpperCase(), 'latin1');
  const to = Buffer.from(waId, 'latin1');
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, to.length]),
    to,
    Buffer.from([0x15, 0x02, 0x00, 0x12, 0x18, id.length]),
    id,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}

/** Core message ids are u64; Postgres' bigint is signed: stored as the same 64 bits read as signed. */
export const toDbId = (id: bigint) => BigInt.asIntN(64, id);
export const fromDbId = (stored: bigint) => BigInt.asUintN(64, stored);
