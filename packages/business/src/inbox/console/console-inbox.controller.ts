import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import type { z } from 'zod';
import { RequestUrl } from '../../common/request-url';
import { valid } from '../../common/validation';
import {
  ConsoleRoles,
  ConsoleSessionGuard,
  CurrentOperator,
  type Operator,
} from '../../console/session/console-session.guard';
import { ContactPanelService } from '../contact-panel/contact-panel.service';
import { ConversationsService } from '../conversations/conversations.service';
import {
  type AssignBody,
  assignBody,
  type StatusBody,
  statusBody,
  type ThreadQuery,
  threadQuery,
  type UpdateBody,
  updateBody,
} from '../inputs/conversation.input';
import { type ReplyBody, replyBody } from '../inputs/reply.input';
import { NotesService } from '../notes/notes.service';
import { renderConversation } from '../outputs/conversation.output';
import { ReplyService } from '../replies/reply.service';
import {
  type ConsoleListQuery,
  consoleConversationParams,
  consoleInboxParams,
  consoleListQuery,
  consoleNoteBody,
  type ConsoleConversationParams as P,
} from './console-inbox.input';

const ANSWER = ['owner', 'admin', 'agent'] as const;

/**
 * The inbox for the console's signed-in agents: the business API's inbox services, with the agent taken from the
 * session (their view, their unread counts, their replies and notes). Any member reads; viewers do not answer.
 */
@Controller('console/v1/businesses/:businessId/conversations')
@UseGuards(ConsoleSessionGuard)
export class ConsoleInboxController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly replies: ReplyService,
    private readonly notes: NotesService,
    private readonly panel: ContactPanelService,
  ) {}

  @Get()
  list(
    @Param(valid(consoleInboxParams)) { businessId }: z.infer<typeof consoleInboxParams>,
    @Query(valid(consoleListQuery)) q: ConsoleListQuery,
    @CurrentOperator() op: Operator,
    @RequestUrl() url: URL,
  ) {
    const assignee =
      q.view === 'mine'
        ? { type: 'user', id: op.user.id }
        : q.view === 'unassigned'
          ? ('unassigned' as const)
          : undefined;
    return this.conversations.listFor(businessId, op.user.id, { ...q, assignee }, url);
  }

  @Get(':conversation_id')
  async get(@Param(valid(consoleConversationParams)) p: P) {
    return renderConversation(await this.conversations.get(p.businessId, p.conversation_id));
  }

  @Post(':conversation_id')
  @ConsoleRoles(...ANSWER)
  @HttpCode(200)
  update(@Param(valid(consoleConversationParams)) p: P, @Body(valid(updateBody)) body: UpdateBody) {
    return this.conversations.update(p.businessId, p.conversation_id, body);
  }

  @Get(':conversation_id/messages')
  thread(
    @Param(valid(consoleConversationParams)) p: P,
    @Query(valid(threadQuery)) q: ThreadQuery,
    @RequestUrl() url: URL,
  ) {
    return this.conversations.thread(p.businessId, p.conversation_id, q, url);
  }

  @Post(':conversation_id/messages')
  @ConsoleRoles(...ANSWER)
  @HttpCode(200)
  reply(
    @Param(valid(consoleConversationParams)) p: P,
    @Body(valid(replyBody)) body: ReplyBody,
    @CurrentOperator() op: Operator,
  ) {
    return this.replies.reply(p.businessId, p.conversation_id, { ...body, agent_id: op.user.id });
  }

  @Post(':conversation_id/read')
  @ConsoleRoles(...ANSWER)
  @HttpCode(200)
  read(@Param(valid(consoleConversationParams)) p: P, @CurrentOperator() op: Operator) {
    return this.replies.markRead(p.businessId, p.conversation_id, op.user.id);
  }

  @Post(':conversation_id/status')
  @ConsoleRoles(...ANSWER)
  @HttpCode(200)
  status(@Param(valid(consoleConversationParams)) p: P, @Body(valid(statusBody)) body: StatusBody) {
    return this.conversations.setStatus(p.businessId, p.conversation_id, body);
  }

  @Post(':conversation_id/assignment')
  @ConsoleRoles(...ANSWER)
  @HttpCode(200)
  assign(@Param(valid(consoleConversationParams)) p: P, @Body(valid(assignBody)) body: AssignBody) {
    return this.conversations.assign(p.businessId, p.conversation_id, body);
  }

  @Get(':conversation_id/notes')
  listNotes(
    @Param(valid(consoleConversationParams)) p: P,
    @Query(valid(threadQuery)) q: ThreadQuery,
    @RequestUrl() url: URL,
  ) {
    return this.notes.list(p.businessId, p.conversation_id, q, url);
  }

  @Post(':conversation_id/notes')
  @ConsoleRoles(...ANSWER)
  @HttpCode(200)
  addNote(
    @Param(valid(consoleConversationParams)) p: P,
    @Body(valid(consoleNoteBody)) body: z.infer<typeof consoleNoteBody>,
    @CurrentOperator() op: Operator,
  ) {
    return this.notes.add(p.businessId, p.conversation_id, { body: body.body, author_id: op.user.id });
  }

  @Get(':conversation_id/contact')
  contact(@Param(valid(consoleConversationParams)) p: P) {
    return this.panel.get(p.businessId, p.conversation_id);
  }
}
