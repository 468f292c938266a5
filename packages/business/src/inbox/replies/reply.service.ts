import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import { windowClosesAt } from '../../contacts/service-window';
import { SendMessageService } from '../../messages/send/send-message.service';
import { CannedService } from '../canned/canned.service';
import { ConversationsService } from '../conversations/conversations.service';
import { InboxErrors } from '../inbox-errors';
import type { ReplyBody } from '../inputs/reply.input';
import { renderConversation } from '../outputs/conversation.output';

/**
 * An agent's reply and read receipt, through the one send path (`POST /{phone_number_id}/messages`'s service), so
 * limits, opt-out and statuses apply as to any send. The window is checked here first: outside it, a free-form reply
 * is refused at once (131047) instead of being accepted to fail.
 */
@Injectable()
export class ReplyService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly send: SendMessageService,
    private readonly contacts: ContactsService,
    private readonly canned: CannedService,
  ) {}

  async reply(businessId: string, id: string, body: ReplyBody) {
    const c = await this.conversations.get(businessId, id);
    const { agent_id, canned_response, ...message } = body;
    const msg = canned_response
      ? {
          ...(message.context !== undefined && { context: message.context }),
          type: 'text',
          text: { body: await this.cannedText(businessId, c.waId, canned_response) },
        }
      : message;
    if (msg.type !== 'template' && !(await this.contacts.windowOpen(businessId, c.waId))) {
      const closes = windowClosesAt(c.lastInboundAt);
      throw InboxErrors.windowClosed(c.waId, closes === null ? null : new Date(closes));
    }
    const sent = await this.send.send(businessId, c.phoneNumberId, {
      ...msg,
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: c.waId,
    });
    const wamid = (sent.body as { messages?: { id: string }[] }).messages?.[0]?.id ?? '';
    const updated = await this.conversations.repliedBy(c, agent_id, wamid, new Date());
    return { ...sent.body, conversation: renderConversation(updated) };
  }

  /** Sends the read receipt for the contact's latest message (and so all before it), as mark-as-read does. */
  async markRead(businessId: string, id: string, agentId?: string) {
    const c = await this.conversations.get(businessId, id);
    const latest = await this.conversations.latestInbound(c);
    if (latest)
      await this.send.send(businessId, c.phoneNumberId, {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: latest.wamid,
      });
    if (agentId !== undefined) await this.conversations.assertAgent(businessId, agentId);
    return renderConversation(await this.conversations.markedRead(c, agentId));
  }

  private async cannedText(
    businessId: string,
    waId: string,
    canned: { id: string; variables?: Record<string, string> },
  ) {
    const contact = await this.contacts.get(businessId, waId);
    const known = { 'contact.name': contact.profile_name ?? waId, 'contact.wa_id': waId };
    return this.canned.text(businessId, canned.id, { ...known, ...canned.variables });
  }
}
