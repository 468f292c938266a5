import { Module } from '@nestjs/common';
import { BusinessAuthModule } from '../auth/business-auth.module';
import { ContactsModule } from '../contacts/contacts.module';
import { LimitsModule } from '../limits/limits.module';
import { MediaModule } from '../media/media.module';
import { TemplatesModule } from '../templates/templates.module';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { IdempotencyService } from './idempotency/idempotency.service';
import { IdempotencyPurgeService } from './idempotency/idempotency-purge.service';
import { MessageLogRepository } from './log/message-log.repository';
import { MessageLogService } from './log/message-log.service';
import { MessageLogWriter } from './log/message-log.writer';
import { MessageStatusRepository } from './log/message-status.repository';
import { MessagesDb } from './log/messages-db';
import { OutboxWake } from './log/outbox-wake';
import { MessagesController } from './messages.controller';
import { BusinessNumbers } from './send/business-numbers';
import { SendMessageService } from './send/send-message.service';
import { WindowRepository } from './send/window.repository';
import { WindowGate } from './send/window-gate';

/**
 * The send endpoint and the business message log. Exports MessageLogService (the send pipeline records inbound
 * messages and outbound statuses through it), IdempotencyService (campaign creates honour Idempotency-Key too) and
 * SendMessageService (chatbot flows send through the same path as the API).
 */
@Module({
  imports: [BusinessAuthModule, ContactsModule, LimitsModule, MediaModule, TemplatesModule],
  controllers: [MessagesController],
  providers: [
    MessagesDb,
    OutboxWake,
    MessageLogRepository,
    MessageLogWriter,
    MessageStatusRepository,
    MessageLogService,
    IdempotencyRepository,
    IdempotencyService,
    IdempotencyPurgeService,
    BusinessNumbers,
    WindowRepository,
    WindowGate,
    SendMessageService,
  ],
  exports: [MessageLogService, MessageStatusRepository, IdempotencyService, SendMessageService],
})
export class MessagesModule {}
