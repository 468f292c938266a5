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

/** Core message ids are u64; Postgres' bigint is signed: stored as the same 64 bits read as signed. */
export const toDbId = (id: bigint) => BigInt.asIntN(64, id);
export const fromDbId = (stored: bigint) => BigInt.asUintN(64, stored);
