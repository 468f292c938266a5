import { Injectable } from '@nestjs/common';
import { GraphIds } from '../../common/ids';
import { type ConversationStatus, nextStatus } from '../conversations/conversation-status';
import { ConversationsRepository, type Tx } from '../conversations/conversations.repository';
import { InboxFeed } from '../live/inbox-feed';
import { queueSlot } from '../queue-slot';
import { Router } from '../routing/router';

export interface InboundForInbox {
  businessId: string;
  phoneNumberId: string;
  waId: string;
  /** The logged message, for the agents' live event. */
  wamid: string;
  at: Date;
}

/**
 * Where the business device hands a consumer's message to the inbox: called in the transaction that logs the message,
 * and only when the log took it (a redelivered wamid is not logged twice), so each message counts once. Creates or
 * reopens the conversation, wakes a snooze, counts it unread and queues it when nobody holds it, and records the
 * agents' live event — the last write, since it holds the business's event counter until the commit.
 */
@Injectable()
export class InboxIntake {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly router: Router,
    private readonly ids: GraphIds,
    private readonly feed: InboxFeed,
  ) {}

  async received(tx: Tx, m: InboundForInbox): Promise<void> {
    // Awaited, not newGraphId(): a burst that empties the process's id block must wait, not fail the message's log.
    const c = await this.conversations.lockOrCreate(tx, await this.ids.newGraphId(), m);
    const status = nextStatus(c.status as ConversationStatus, 'inbound') ?? (c.status as ConversationStatus);
    const later = (d: Date | null) => (d && d > m.at ? d : m.at);
    const updated = await this.conversations.update(
      c.id,
      {
        status,
        snoozedUntil: status === 'snoozed' ? c.snoozedUntil : null,
        unreadCount: { increment: 1 },
        inboundCount: { increment: 1 },
        lastInboundAt: later(c.lastInboundAt),
        lastMessageAt: later(c.lastMessageAt),
        queuedAt: queueSlot(status, c.assigneeId, c.queuedAt, m.at),
      },
      tx,
    );
    await this.feed.message(tx, updated, m.wamid);
  }

  /**
   * After the commit: tells live agents, and offers waiting conversations to free agents. Never throws (the next
   * event routes again).
   */
  route(businessId: string): void {
    this.feed.ring(businessId);
    void this.router.route(businessId).catch(() => undefined);
  }
}
