import { Injectable } from '@nestjs/common';
import type { Prisma } from '@switchboard/db';
import { InboxBus } from './inbox-bus';
import { InboxEventsRepository } from './inbox-events.repository';

/** The stored kinds; `typing` and `presence` pass through Redis only (InboxBus signals). */
export type InboxEventKind = 'message' | 'message_status' | 'conversation';

/**
 * Records the inbox's events in the transaction that makes the change they describe (so an event exists exactly when
 * its change committed), and rings the doorbell once that transaction has committed.
 */
@Injectable()
export class InboxEvents {
  constructor(
    private readonly repo: InboxEventsRepository,
    private readonly bus: InboxBus,
  ) {}

  /** Last in the transaction: see InboxEventsRepository.record. */
  record(
    tx: Prisma.TransactionClient,
    businessId: string,
    kind: InboxEventKind,
    conversationId: string | null,
    payload: unknown,
  ) {
    return this.repo.record(tx, businessId, kind, conversationId, payload);
  }

  /** After the commit: live connections of the business, on every node, read what is new. */
  ring(businessId: string): void {
    this.bus.publish({ b: businessId, t: 'ring' });
  }

  signal(businessId: string, kind: 'typing' | 'presence', data: Record<string, unknown>): void {
    this.bus.publish({ b: businessId, t: 'signal', kind, data });
  }
}
