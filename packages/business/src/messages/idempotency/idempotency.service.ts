import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { Prisma } from '@switchboard/db';
import { z } from 'zod';
import { MessageErrors } from '../message-errors';
import { IdempotencyRepository } from './idempotency.repository';

const KEY = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'expected 1 to 255 visible ASCII characters');

export interface IdempotencyClaim {
  key: string;
  hash: Buffer;
}

/**
 * `Idempotency-Key` on sends and campaign creates, for 24 hours: the same key with the same request (requestHash)
 * gets the first answer again and does nothing; with a different request, 422. The key is claimed in the write that
 * does the work (a send's ACCEPT_SQL, a campaign's create transaction), so across nodes Postgres decides who was
 * first; within a node, requests with the same key run one after the other.
 */
@Injectable()
export class IdempotencyService {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly keys: IdempotencyRepository) {}

  /** The header, validated (100 naming it when malformed); undefined when absent. */
  parseKey(header: string | string[] | undefined): string | undefined {
    if (header === undefined) return undefined;
    const parsed = KEY.safeParse(Array.isArray(header) ? header.join(',') : header);
    if (!parsed.success) throw ApiError.invalidParameter(`Idempotency-Key: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  }

  /**
   * The request done at most once for its key. `work` runs only when the key is free and must claim it in its own
   * write; it returns the answer, or undefined when another node claimed the key first (and it wrote nothing). An
   * earlier answer of the same request comes back through `replay` (from what the claim stored).
   */
  once<T>(
    businessId: string,
    claim: IdempotencyClaim,
    work: () => Promise<T | undefined>,
    replay: (stored: string) => T | Promise<T>,
  ): Promise<{ body: T; replayed: boolean }> {
    return this.serialize(businessId, claim.key, async () => {
      const earlier = await this.stored(businessId, claim);
      if (earlier !== undefined) return { body: await replay(earlier), replayed: true };
      const done = await work();
      if (done !== undefined) return { body: done, replayed: false };
      // Another node claimed the key between our check and our write: its answer (or a 422) is ours.
      return { body: await replay((await this.stored(businessId, claim))!), replayed: true };
    });
  }

  /** Claims the key in the caller's transaction; false when it is taken (the transaction must then write nothing). */
  claimIn(tx: Prisma.TransactionClient, businessId: string, claim: IdempotencyClaim, response: string) {
    return this.keys.claim(tx, businessId, { ...claim, response });
  }

  /** Runs `work` after any earlier request of this node with the same business and key has finished. */
  private async serialize<T>(businessId: string, key: string, work: () => Promise<T>): Promise<T> {
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

  /** The stored answer for this key and request, a 422 for another request, or undefined when the key is free. */
  async stored(businessId: string, claim: IdempotencyClaim): Promise<string | undefined> {
    const earlier = await this.keys.find(businessId, claim.key);
    if (!earlier) return undefined;
    if (!earlier.bodyHash.equals(claim.hash)) throw MessageErrors.idempotencyMismatch(claim.key);
    return earlier.response;
  }
}
