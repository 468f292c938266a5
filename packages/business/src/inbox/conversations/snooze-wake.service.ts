import { Injectable } from '@nestjs/common';
import { InboxFeed } from '../live/inbox-feed';
import { Router } from '../routing/router';
import { ConversationsRepository } from './conversations.repository';

const BATCH = 500;

/**
 * Wakes timed snoozes (the `inboxSnoozeWake` loop, one node per interval); a snooze until the next message is woken
 * by that message (InboxIntake). Woken conversations nobody holds join the queue, which is routed at once.
 */
@Injectable()
export class SnoozeWakeService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly router: Router,
    private readonly feed: InboxFeed,
  ) {}

  /** Returns how many conversations woke. */
  async wake(): Promise<number> {
    let woken = 0;
    for (;;) {
      const rows = await this.conversations.wakeDue(BATCH, async (tx, woken) => {
        // In business order, as every transaction takes the event counters.
        for (const c of [...woken].sort((a, b) => (a.businessId < b.businessId ? -1 : 1)))
          await this.feed.conversation(tx, c);
      });
      const businesses = new Set(rows.map((c) => c.businessId));
      for (const b of businesses) this.feed.ring(b);
      for (const b of businesses) await this.router.route(b);
      woken += rows.length;
      if (rows.length < BATCH) return woken;
    }
  }
}
