import { Injectable } from '@nestjs/common';
import { InboxEventsRepository } from './inbox-events.repository';

/** A day: an agent's connection that was away longer reloads the inbox instead of replaying it. */
export const EVENTS_KEPT_SECONDS = 24 * 3600;
const BATCH = 5_000;

/** The `inboxEventsPurge` loop: deletes live events older than a day, in batches. */
@Injectable()
export class InboxEventsPurge {
  constructor(private readonly repo: InboxEventsRepository) {}

  async purge(): Promise<number> {
    let gone = 0;
    for (;;) {
      const n = await this.repo.purge(EVENTS_KEPT_SECONDS, BATCH);
      gone += n;
      if (n < BATCH) return gone;
    }
  }
}
