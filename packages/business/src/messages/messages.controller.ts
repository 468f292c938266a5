import { Body, Controller, Headers, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../auth/business-auth.guard';
import { SendMessageService } from './send/send-message.service';

/** `POST /{phone_number_id}/messages` (also under any `/vNN.N` prefix): every message type, and mark-as-read. */
@Controller()
@UseGuards(BusinessAuthGuard)
export class MessagesController {
  constructor(private readonly messages: SendMessageService) {}

  @Post(':phone_number_id/messages')
  @HttpCode(200)
  async send(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param('phone_number_id') phoneNumberId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const sent = await this.messages.send(b.businessId, phoneNumberId, body, idempotencyKey);
    if (sent.replayed) void reply.header('idempotent-replayed', 'true');
    return sent.body;
  }
}
