import { Injectable } from '@nestjs/common';
import { InboxFeed } from '../live/inbox-feed';
import { RoutingRepository } from './routing.repository';

/** Bounds one call's work; whatever is left waits for the next event that routes. */
const MAX_PER_CALL = 1_000;

/**
 * Automatic assignment: while conversations wait and an agent has room, the oldest waiting one goes to the least
 * loaded available agent. Called after anything that can add work or free room (an inbound message, a status
 * change, an agent's availability); the queue lives in Postgres, so any process can serve it and none owns it.
 */
@Injectable()
export class Router {
  constructor(
    private readonly repo: RoutingRepository,
    private readonly feed: InboxFeed,
  ) {}

  async route(businessId: string): Promise<number> {
    let assigned = 0;
    for (let tries = 0; tries < MAX_PER_CALL; tries++) {
      const outcome = await this.repo.assignNext(businessId, (tx, c) => this.feed.conversation(tx, c));
      if (outcome === 'idle') break;
      if (outcome === 'assigned') {
        assigned++;
        this.feed.ring(businessId);
      }
    }
    return assigned;
  }
}
