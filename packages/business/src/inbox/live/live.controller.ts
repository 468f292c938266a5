import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { valid } from '../../common/validation';
import {
  ConsoleRoles,
  ConsoleSessionGuard,
  CurrentOperator,
  type Operator,
} from '../../console/session/console-session.guard';
import { AgentsService } from '../agents/agents.service';
import { ConversationsService } from '../conversations/conversations.service';
import { InboxEvents } from './inbox-events';
import { lastEventId, liveParams, liveQuery, presenceBody, typingBody, typingParams } from './live.input';
import { LiveConnection } from './live-connection';
import { LiveInbox } from './live-inbox';
import { Presence } from './presence';

/**
 * The inbox live for the console's agents (docs/inbox.md "Live events"): the event stream, the agent's presence and
 * typing. Any member of the business follows it; typing is for those who answer.
 */
@Controller('console/v1/businesses/:businessId')
@UseGuards(ConsoleSessionGuard)
export class LiveController {
  constructor(
    private readonly hub: LiveInbox,
    private readonly presence: Presence,
    private readonly events: InboxEvents,
    private readonly conversations: ConversationsService,
    private readonly agents: AgentsService,
  ) {}

  @Get('inbox/events')
  async stream(
    @Param(valid(liveParams)) p: z.infer<typeof liveParams>,
    @Query(valid(liveQuery)) q: z.infer<typeof liveQuery>,
    @Headers('last-event-id') lastId: string | undefined,
    @CurrentOperator() op: Operator,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // The header (a reconnecting EventSource) wins over the query (a page that kept its cursor across a reload).
    const given = lastId ?? q.after;
    if (given !== undefined && !lastEventId.safeParse(given).success)
      throw ApiError.invalidParameter('Last-Event-ID: not an event number');
    reply.hijack();
    const connection = new LiveConnection(reply.raw, this.hub, this.presence, {
      businessId: p.businessId,
      userId: op.user.id,
    });
    if (await connection.open(given === undefined ? undefined : BigInt(given)))
      await this.agents.present(p.businessId, op.user.id);
  }

  @Post('inbox/presence')
  @HttpCode(200)
  async setPresence(
    @Param(valid(liveParams)) p: z.infer<typeof liveParams>,
    @Body(valid(presenceBody)) body: z.infer<typeof presenceBody>,
    @CurrentOperator() op: Operator,
  ) {
    const status = await this.presence.setAway(p.businessId, op.user.id, body.status === 'away');
    if (status === 'online') await this.agents.present(p.businessId, op.user.id);
    return { user_id: op.user.id, status };
  }

  @Post('conversations/:conversation_id/typing')
  @ConsoleRoles('owner', 'admin', 'agent')
  @HttpCode(200)
  async typing(
    @Param(valid(typingParams)) p: z.infer<typeof typingParams>,
    @Body(valid(typingBody)) body: z.infer<typeof typingBody>,
    @CurrentOperator() op: Operator,
  ) {
    const c = await this.conversations.get(p.businessId, p.conversation_id);
    this.events.signal(p.businessId, 'typing', {
      conversation_id: c.id,
      user_id: op.user.id,
      name: op.user.name,
      typing: body.typing,
    });
    return { success: true };
  }
}
