import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import { z } from 'zod';
import { MessagesDb } from '../log/messages-db';
import { MessageErrors } from '../message-errors';
import type { SendResponse } from '../outputs/send-response';

const KEY = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'expected 1 to 255 visible ASCII characters');

const FIND_SQL = `
SELECT "bodyHash", "response" FROM "SendIdempotencyKey"
WHERE "businessId" = $1 AND "key" = $2 AND "createdAt" > now() - interval '24 hours'`;

export interface IdempotencyClaim {
  key: string;
  hash: Buffer;
}

/**
 * `Idempotency-Key` on sends, for 24 hours: the same key with the same request (requestHash) gets the first answer
 * again and sends nothing; with a different request, 422. The key is claimed in the statement that accepts the
 * message (ACCEPT_SQL), so across nodes Postgres decides who was first; within a node, requests with the same key
 * run one after the other, because one statement cannot claim the same key twice.
 */
@Injectable()
export class IdempotencyService {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly db: MessagesDb) {}

  /** The header, validated (100 naming it when malformed); undefined when absent. */
  parseKey(header: string | string[] | undefined): string | undefined {
    if (header === undefined) return undefined;
    const parsed = KEY.safeParse(Array.isArray(header) ? header.join(',') : header);
    if (!parsed.success) throw ApiError.invalidParameter(`Idempotency-Key: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  }

  /** Runs `work` after any earlier request of this node with the same business and key has finished. */
  async serialize<T>(businessId: string, key: string, work: () => Promise<T>): Promise<T> {
    const id = `${businessId}/${key}`;
    const before = this.running.get(id) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    this.running.set(id, mine);
    try {
      return await mine;
    } finally {
      if (this.running.get(id) === mine) this.running.delete(id);
    }
  }

  /** The earlier answer for this key and request, a 422 for another request, or undefined when the key is free. */
  async replay(businessId: string, claim: IdempotencyClaim): Promise<SendResponse | undefined> {
    const { rows } = await this.db.prepared<{ bodyHash: Buffer; response: string }>('sb_idempotency_find', FIND_SQL, [
      businessId,
      claim.key,
    ]);
    const earlier = rows[0];
    if (!earlier) return undefined;
    if (!earlier.bodyHash.equals(claim.hash)) throw MessageErrors.idempotencyMismatch(claim.key);
    return JSON.parse(earlier.response) as SendResponse;
  }
}
