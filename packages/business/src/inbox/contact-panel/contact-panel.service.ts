import { Injectable } from '@nestjs/common';
import { renderContact } from '../../contacts/outputs/contact.output';
import { ConversationsService } from '../conversations/conversations.service';
import { ContactPanelRepository } from './contact-panel.repository';

/**
 * The contact beside a conversation: attributes, tags, opt state and window (as the contacts API shows them), the
 * campaigns that reached them from this number and their latest flow runs, ten of each, newest first.
 */
@Injectable()
export class ContactPanelService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly repo: ContactPanelRepository,
  ) {}

  async get(businessId: string, conversationId: string) {
    const c = await this.conversations.get(businessId, conversationId);
    const [contact, campaigns, runs] = await Promise.all([
      this.repo.contact(c),
      this.repo.campaigns(c),
      this.repo.flowRuns(c),
    ]);
    return {
      contact: contact ? renderContact(contact) : null,
      campaigns: campaigns.map((m) => ({
        id: m.id,
        name: m.name,
        message_status: m.status,
        sent_time: m.createdAt.toISOString(),
      })),
      flow_runs: runs.map((r) => ({
        id: r.id,
        flow_id: r.flowId,
        status: r.status,
        started_time: r.startedAt.toISOString(),
        ended_time: r.endedAt?.toISOString() ?? null,
      })),
    };
  }
}
