import { Injectable } from '@nestjs/common';
import type { Conversation, Prisma } from '@switchboard/db';
import { type Page, type PageRequest, toPage } from '../../common/paging';
import { AgentsService } from '../agents/agents.service';
import { InboxErrors } from '../inbox-errors';
import type { AssignBody, ListConversationsQuery, StatusBody, UpdateBody } from '../inputs/conversation.input';
import { InboxFeed } from '../live/inbox-feed';
import { type ConversationObject, renderConversation } from '../outputs/conversation.output';
import { renderThreadMessage } from '../outputs/thread-message.output';
import { queueSlot } from '../queue-slot';
import { Router } from '../routing/router';
import { type ConversationStatus, eventFor, nextStatus } from './conversation-status';
import { ConversationsRepository } from './conversations.repository';

/** Reading conversations and the moves agents make on them: status, assignment, priority and labels. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly repo: ConversationsRepository,
    private readonly agents: AgentsService,
    private readonly router: Router,
    private readonly feed: InboxFeed,
  ) {}

  async list(businessId: string, q: ListConversationsQuery, url: URL): Promise<Page<ConversationObject>> {
    const filter = { phoneNumberId: q.phone_number_id, status: q.status, label: q.label, assignee: q.assignee };
    const rows = await this.repo.list(businessId, filter, q);
    const now = Date.now();
    return toPage(rows, q, (c) => renderConversation(c, now), url);
  }

  /** The list as one agent sees it: each conversation with the agent's own unread count. */
  async listFor(businessId: string, userId: string, q: ListConversationsQuery, url: URL) {
    const filter = { phoneNumberId: q.phone_number_id, status: q.status, label: q.label, assignee: q.assignee };
    const rows = await this.repo.list(businessId, filter, q);
    const unread = await this.unreadFor(userId, rows);
    const now = Date.now();
    return toPage(rows, q, (c) => ({ ...renderConversation(c, now), my_unread_count: unread.get(c.id) ?? 0 }), url);
  }

  async get(businessId: string, id: string): Promise<Conversation> {
    const c = await this.repo.find(businessId, id);
    if (!c) throw InboxErrors.notFound(id);
    return c;
  }

  async setStatus(businessId: string, id: string, body: StatusBody): Promise<ConversationObject> {
    const c = await this.get(businessId, id);
    const status = nextStatus(c.status as ConversationStatus, eventFor(body.status));
    if (!status) throw InboxErrors.transition(c.status, body.status);
    const updated = await this.change(c.id, {
      status,
      snoozedUntil: status === 'snoozed' && body.snoozed_until ? new Date(body.snoozed_until) : null,
      queuedAt: queueSlot(status, c.assigneeId, c.queuedAt, new Date()),
    });
    // Resolving frees room with the agent; reopening may queue: either way the queue may move.
    await this.router.route(businessId);
    return renderConversation((await this.repo.find(businessId, id)) ?? updated);
  }

  async assign(businessId: string, id: string, body: AssignBody): Promise<ConversationObject> {
    const c = await this.get(businessId, id);
    if (body.assignee?.type === 'user') await this.agents.assertAgent(businessId, body.assignee.id);
    const assigneeId = body.assignee?.id ?? null;
    await this.change(c.id, {
      assigneeType: body.assignee?.type ?? null,
      assigneeId,
      ...(body.team !== undefined && { team: body.team }),
      queuedAt: queueSlot(c.status as ConversationStatus, assigneeId, c.queuedAt, new Date()),
    });
    await this.router.route(businessId);
    return renderConversation(await this.get(businessId, id));
  }

  async update(businessId: string, id: string, body: UpdateBody): Promise<ConversationObject> {
    const c = await this.get(businessId, id);
    const labels = new Set(c.labels);
    for (const l of body.add_labels ?? []) labels.add(l);
    for (const l of body.remove_labels ?? []) labels.delete(l);
    const updated = await this.change(c.id, {
      ...(body.priority && { priority: body.priority }),
      labels: [...labels],
    });
    return renderConversation(updated);
  }

  /**
   * After an agent's reply (`wamid`, already in the log): the agent holds it now — a bot's or nobody's before — and it
   * leaves the queue; live agents get the message.
   */
  async repliedBy(c: Conversation, agentId: string | undefined, wamid: string, at: Date): Promise<Conversation> {
    const takes = agentId !== undefined && (c.assigneeType !== 'user' || c.assigneeId === null);
    if (takes) await this.agents.assertAgent(c.businessId, agentId);
    return this.change(
      c.id,
      { lastMessageAt: at, ...(takes && { assigneeType: 'user', assigneeId: agentId, queuedAt: null }) },
      wamid,
    );
  }

  assertAgent(businessId: string, userId: string) {
    return this.agents.assertAgent(businessId, userId);
  }

  latestInbound(c: Conversation) {
    return this.repo.latestInbound(c);
  }

  async thread(businessId: string, id: string, page: PageRequest, url: URL) {
    const rows = await this.repo.thread(await this.get(businessId, id), page);
    return toPage(
      rows.map((m) => ({ ...m, cursor: m.id.toString() })),
      page,
      renderThreadMessage,
      url,
      'cursor',
    );
  }

  /** Nothing unread any more, and nothing unread for `agentId` (their own count) until the next inbound message. */
  async markedRead(c: Conversation, agentId: string | undefined): Promise<Conversation> {
    const updated = await this.repo.change(c.id, { unreadCount: 0 }, async (tx, row) => {
      if (agentId !== undefined) await this.repo.markReadBy(tx, row, agentId);
      await this.feed.conversation(tx, row);
    });
    this.feed.ring(c.businessId);
    return updated;
  }

  /** Each conversation's inbound messages `userId` has not read: all those since they last read it, or if they never did, those nobody read. */
  async unreadFor(userId: string, conversations: Conversation[]): Promise<Map<string, number>> {
    const marks = await this.repo.readMarks(
      userId,
      conversations.map((c) => c.id),
    );
    return new Map(
      conversations.map((c) => {
        const mark = marks.get(c.id);
        return [c.id, mark === undefined ? c.unreadCount : Math.max(0, c.inboundCount - mark)];
      }),
    );
  }

  /** An update and its live event (with the message `wamid` when one joined the thread), rung after the commit. */
  private async change(id: string, data: Prisma.ConversationUncheckedUpdateInput, wamid?: string) {
    const c = await this.repo.change(id, data, (tx, row) =>
      wamid ? this.feed.message(tx, row, wamid) : this.feed.conversation(tx, row),
    );
    this.feed.ring(c.businessId);
    return c;
  }
}
