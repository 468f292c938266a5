import { Module } from '@nestjs/common';
import { BusinessAuthModule } from '../auth/business-auth.module';
import { GraphIdsModule } from '../common/ids.module';
import { MessagesModule } from '../messages/messages.module';
import { BusinessNumbers } from '../messages/send/business-numbers';
import { TemplatesModule } from '../templates/templates.module';
import { CampaignsController } from './campaigns.controller';
import { CampaignGraphObjects } from './campaigns.graph-objects';
import { CampaignsService } from './campaigns.service';
import { CampaignLifecycle } from './lifecycle/campaign-lifecycle.service';
import { CampaignRecipients } from './recipients/campaign-recipients.service';
import { CampaignRetry } from './retry/campaign-retry.service';

/** The campaign API: create (audience → ledger), read with progress and per recipient, pause / resume / cancel, retry the failures. Sending is dispatch/. */
@Module({
  imports: [BusinessAuthModule, GraphIdsModule, MessagesModule, TemplatesModule],
  controllers: [CampaignsController],
  providers: [
    CampaignsService,
    CampaignLifecycle,
    CampaignRetry,
    CampaignRecipients,
    CampaignGraphObjects,
    BusinessNumbers,
  ],
  exports: [CampaignsService, CampaignLifecycle, CampaignRetry, CampaignRecipients],
})
export class CampaignsModule {}
