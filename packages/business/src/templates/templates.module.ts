import { Module } from '@nestjs/common';
import { WebhookEventsModule } from '@switchboard/webhooks';
import { BusinessAuthModule } from '../auth/business-auth.module';
import { GraphIdsModule } from '../common/ids.module';
import { TemplateReviewController } from './review/template-review.controller';
import { TemplateReviewModule } from './review/template-review.module';
import { TemplatesController } from './templates.controller';
import { TemplateGraphObjects } from './templates.graph-objects';
import { TemplatesService } from './templates.service';

/** Message templates. Exports TemplatesService: the send pipeline calls resolveForSend. */
@Module({
  imports: [BusinessAuthModule, GraphIdsModule, TemplateReviewModule, WebhookEventsModule],
  controllers: [TemplatesController, TemplateReviewController],
  providers: [TemplatesService, TemplateGraphObjects],
  exports: [TemplatesService],
})
export class TemplatesModule {}
