import { Injectable } from '@nestjs/common';
import { InboxFeed } from '../live/inbox-feed';
import { Presence } from '../live/presence';
import { RoutingRepository } from './routing.repository';

/** Bounds one call's work; whatever is left waits for the next event that routes. */
const MAX_PER_CALL = 1_000;

/**
 * Automatic assignment: while conversations wait and a present agent has room, the oldest waiting one goes to the
 * least loaded of them. Present: online on the console (an open event stream, not away — Presence), or marked
 * available through the API. Called after anything that can add work or free room (an inbound message, a status
 * change, an agent's availability); the queue lives in Postgres, so any process can serve it and none owns it.
 */
@Injectable()
export class Router {
  constructor(
    private readonly repo: RoutingRepository,
    private readonly feed: InboxFeed,
    private readonly presence: Presence,
  ) {}

  async route(businessId: string): Promise<number> {
    let assigned = 0;
    // Read once per call: an agent who comes online or leaves meanwhile routes again (AgentsService.present).
    const online = await this.presence.online(businessId);
    for (let tries = 0; tries < MAX_PER_CALL; tries++) {
      const outcome = await this.repo.assignNext(businessId, online, (tx, c) => this.feed.conversation(tx, c));
      if (outcome === 'idle') break;
      if (outcome === 'assigned') {
        assigned++;
        this.feed.ring(businessId);
      }
    }
    return assigned;
  }
}
