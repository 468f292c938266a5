import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../auth/business-auth.guard';
import { RequestUrl } from '../common/request-url';
import { valid } from '../common/validation';
import { ContactPanelService } from './contact-panel/contact-panel.service';
import { ConversationsService } from './conversations/conversations.service';
import {
  type AssignBody,
  assignBody,
  type ConversationParams,
  conversationParams,
  type ListConversationsQuery,
  listConversationsQuery,
  type NoteBody,
  noteBody,
  readBody,
  type StatusBody,
  statusBody,
  type ThreadQuery,
  threadQuery,
  type UpdateBody,
  updateBody,
} from './inputs/conversation.input';
import { type ReplyBody, replyBody } from './inputs/reply.input';
import { NotesService } from './notes/notes.service';
import { renderConversation } from './outputs/conversation.output';
import { ReplyService } from './replies/reply.service';

type B = AuthenticatedBusiness;

/** `/{waba_id}/conversations…`: the shared inbox (a Switchboard extension; docs/inbox.md). */
@Controller(':waba_id/conversations')
@UseGuards(BusinessAuthGuard)
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly replies: ReplyService,
    private readonly notes: NotesService,
    private readonly panel: ContactPanelService,
  ) {}

  @Get()
  list(
    @CurrentBusiness() b: B,
    @Query(valid(listConversationsQuery)) q: ListConversationsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.conversations.list(b.businessId, q, url);
  }

  @Get(':conversation_id')
  async get(@CurrentBusiness() b: B, @Param(valid(conversationParams)) p: ConversationParams) {
    return renderConversation(await this.conversations.get(b.businessId, p.conversation_id));
  }

  @Post(':conversation_id')
  @HttpCode(200)
  update(
    @CurrentBusiness() b: B,
    @Param(valid(conversationParams)) p: ConversationParams,
    @Body(valid(updateBody)) body: UpdateBody,
  ) {
    return this.conversations.update(b.businessId, p.conversation_id, body);
  }

  @Get(':conversation_id/contact')
  contact(@CurrentBusiness() b: B, @Param(valid(conversationParams)) p: ConversationParams) {
    return this.panel.get(b.businessId, p.conversation_id);
  }

  @Get(':conversation_id/messages')
  thread(
    @CurrentBusiness() b: B,
    @Param(valid(conversationParams)) p: ConversationParams,
    @Query(valid(threadQuery)) q: ThreadQuery,
    @RequestUrl() url: URL,
  ) {
    return this.conversations.thread(b.businessId, p.conversation_id, q, url);
  }

  @Post(':conversation_id/messages')
  @HttpCode(200)
  reply(
    @CurrentBusiness() b: B,
    @Param(valid(conversationParams)) p: ConversationParams,
    @Body(valid(replyBody)) body: ReplyBody,
  ) {
    return this.replies.reply(b.businessId, p.conversation_id, body);
  }

  @Post(':conversation_id/read')
  @HttpCode(200)
  read(
    @CurrentBusiness() b: B,
    @Param(valid(conversationParams)) p: ConversationParams,
    @Body(valid(readBody)) body: { agent_id?: string },
  ) {
    return this.replies.markRead(b.businessId, p.conversation_id, body.agent_id);
  }

  @Post(':conversation_id/status')
  @HttpCode(200)
  status(
    @CurrentBusiness() b: B,
    @Param(valid(conversationParams)) p: ConversationParams,
    @Body(valid(statusBody)) body: StatusBody,
  ) {
    return this.conversations.setStatus(b.businessId, p.conversation_id, body);
  }

  @Post(':conversation_id/assignment')
  @HttpCode(200)
  assign(
    @CurrentBusiness() b: B,
    @Param(valid(conversationParams)) p: ConversationParams,
    @Body(valid(assignBody)) body: AssignBody,
  ) {
    return this.conversations.assign(b.businessId, p.conversation_id, body);
  }

  @Get(':conversation_id/notes')
  listNotes(
    @CurrentBusiness() b: B,
    @Param(valid(conversationParams)) p: ConversationParams,
    @Query(valid(threadQuery)) q: ThreadQuery,
    @RequestUrl() url: URL,
  ) {
    return this.notes.list(b.businessId, p.conversation_id, q, url);
  }

  @Post(':conversation_id/notes')
  @HttpCode(200)
  addNote(
    @CurrentBusiness() b: B,
    @Param(valid(conversationParams)) p: ConversationParams,
    @Body(valid(noteBody)) body: NoteBody,
  ) {
    return this.notes.add(b.businessId, p.conversation_id, body);
  }
}
