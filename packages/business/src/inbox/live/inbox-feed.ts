import { Injectable } from '@nestjs/common';
import type { Conversation, Prisma } from '@switchboard/db';
import { renderConversation } from '../outputs/conversation.output';
import { renderThreadMessage } from '../outputs/thread-message.output';
import { InboxEvents } from './inbox-events';

type Tx = Prisma.TransactionClient;

/** A status move of an outbound message, as the status reporter knows it. */
export interface StatusMove {
  wamid: string;
  phoneNumberId: string;
  waId: string;
  businessId: string;
}

/**
 * What each change of the inbox says to live agents, in one place: the event's kind and body. Each call records in
 * the caller's transaction (its last write to the inbox); the caller rings InboxEvents once it has committed.
 */
@Injectable()
export class InboxFeed {
  constructor(private readonly events: InboxEvents) {}

  /** The conversation as it is now (status, assignee, labels, unread, window). */
  conversation(tx: Tx, c: Conversation) {
    return this.events.record(tx, c.businessId, 'conversation', c.id, { conversation: renderConversation(c) });
  }

  /** A message joined the thread (either direction): the message as the thread shows it, and the conversation. */
  async message(tx: Tx, c: Conversation, wamid: string) {
    const m = await tx.businessMessage.findUnique({ where: { wamid } });
    if (!m) return this.conversation(tx, c);
    return this.events.record(tx, c.businessId, 'message', c.id, {
      conversation: renderConversation(c),
      message: renderThreadMessage(m),
    });
  }

  /**
   * Outbound messages moved (✓, ✓✓, read, failed): one event per business for those that belong to a conversation —
   * a campaign's message to a contact who never wrote adds nothing.
   */
  async statuses(tx: Tx, moves: StatusMove[], status: string, error?: unknown): Promise<string[]> {
    if (!moves.length) return [];
    const rows = await tx.conversation.findMany({
      where: { OR: moves.map((m) => ({ phoneNumberId: m.phoneNumberId, waId: m.waId })) },
      select: { id: true, phoneNumberId: true, waId: true },
    });
    const conversationOf = new Map(rows.map((r) => [`${r.phoneNumberId}:${r.waId}`, r.id]));
    const byBusiness = new Map<string, { id: string; conversation_id: string }[]>();
    for (const m of moves) {
      const conversation_id = conversationOf.get(`${m.phoneNumberId}:${m.waId}`);
      if (!conversation_id) continue;
      const list = byBusiness.get(m.businessId) ?? [];
      list.push({ id: m.wamid, conversation_id });
      byBusiness.set(m.businessId, list);
    }
    // In business order: two transactions never wait on each other's counters.
    for (const [businessId, messages] of [...byBusiness].sort(([a], [b]) => (a < b ? -1 : 1)))
      await this.events.record(tx, businessId, 'message_status', null, {
        status,
        messages,
        ...(error !== undefined && { error }),
      });
    return [...byBusiness.keys()];
  }

  ring(businessId: string): void {
    this.events.ring(businessId);
  }
}
