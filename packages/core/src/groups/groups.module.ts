import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MessagingModule } from '../messaging/messaging.module';
import { StatusController } from '../status/status.controller';
import { StatusRepository } from '../status/status.repository';
import { StatusService } from '../status/status.service';
import { GroupEventWriter } from './group-event-writer';
import { GroupReceipts } from './group-receipts';
import { GroupReceiptsRepository } from './group-receipts.repository';
import { GroupSendService } from './group-send.service';
import { GroupsController } from './groups.controller';
import { GroupsRepository } from './groups.repository';
import { GroupsService } from './groups.service';

/**
 * Groups: their state and changes under /v1/groups, each change an event in every member device's mailbox, and the
 * group send the gateway hands GroupSend frames to; status lists (packages/core/src/status) are groups too. Builds on the mailbox and routing of MessagingModule.
 */
@Module({
  imports: [AuthModule, MessagingModule],
  controllers: [GroupsController, StatusController],
  providers: [
    GroupsRepository,
    GroupEventWriter,
    GroupsService,
    GroupSendService,
    GroupReceiptsRepository,
    GroupReceipts,
    StatusRepository,
    StatusService,
  ],
  exports: [GroupSendService, GroupsService, GroupReceipts, StatusService],
})
export class GroupsModule {}
