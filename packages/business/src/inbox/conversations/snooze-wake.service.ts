import { Injectable } from '@nestjs/common';
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
  ) {}

  /** Returns how many conversations woke. */
  async wake(): Promise<number> {
    let woken = 0;
    for (;;) {
      const businesses = await this.conversations.wakeDue(BATCH);
      for (const b of new Set(businesses)) await this.router.route(b);
      woken += businesses.length;
      if (businesses.length < BATCH) return woken;
    }
  }
}
