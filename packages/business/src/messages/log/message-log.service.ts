import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import { PrismaService } from '@switchboard/platform';
import type { OutboundStatus } from '../message-status';
import type { SendingNumber } from '../send/business-numbers';
import { type InboundLogEntry, MessageLogRepository } from './message-log.repository';
import { MessageStatusRepository } from './message-status.repository';
import { OutboxWake } from './outbox-wake';

/** What emit()-style callers pass to run a statement in their own transaction (a Prisma client or tx client). */
export interface RawQueryClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** The Cloud API error object of a failed message, as the `failed` status webhook carries it. */
export interface MessageError {
  code: number;
  title: string;
  message?: string;
  error_data?: { details: string };
  href?: string;
}

export interface StatusChange {
  id: bigint;
  wamid: string;
  businessId: string;
  phoneNumberId: string;
  waId: string;
  status: OutboundStatus;
  bizOpaqueCallbackData: string | null;
}

/**
 * The business message log beyond accepting sends: marking inbound messages read (the API's mark-as-read form), and
 * what the send pipeline records — inbound messages, and outbound statuses in order (docs/business.md, "Sending").
 */
@Injectable()
export class MessageLogService {
  constructor(
    private readonly log: MessageLogRepository,
    private readonly prisma: PrismaService,
    private readonly outbox: OutboxWake,
    private readonly statuses: MessageStatusRepository,
  ) {}

  /** Mark-as-read: the inbound message must have been received on this number. Queues the read receipt. */
  async markRead(number: SendingNumber, wamid: string, typingIndicator?: 'text') {
    if (!(await this.log.markInboundRead(wamid, number, typingIndicator ?? null)))
      throw ApiError.invalidParameter(`message_id: no message ${wamid} was received on this phone number`);
    this.outbox.wake();
    return { success: true as const };
  }

  /** For the send pipeline: log a decrypted inbound message (once per wamid). Returns false for a repeat. */
  recordInbound(m: InboundLogEntry, tx: RawQueryClient = this.prisma.client): Promise<boolean> {
    return this.log.recordInbound(m, tx);
  }

  /**
   * For the send pipeline: move an outbound message to `status` (in the caller's transaction when given, so the
   * status webhook is emitted exactly when the change is stored). Returns the row when the status moved forward,
   * undefined when it was already there or beyond — emit the webhook only in the first case.
   */
  async markStatus(
    wamid: string,
    status: OutboundStatus,
    options: { at?: Date; error?: MessageError; tx?: RawQueryClient } = {},
  ): Promise<StatusChange | undefined> {
    const error =
      status === 'failed' ? JSON.stringify(options.error ?? { code: 131000, title: 'Something went wrong' }) : null;
    return this.statuses.mark(options.tx ?? this.prisma.client, wamid, status, options.at ?? new Date(), error);
  }
}
