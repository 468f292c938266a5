import { Module } from '@nestjs/common';
import { WebhookEventsModule } from '@switchboard/webhooks';
import { TemplateReviewService } from './template-review.service';

/**
 * The reviewer alone, for the worker process (the `templates.review` job) as well as the API. Needs InfraModule in
 * the application, as every Switchboard app has.
 */
@Module({
  imports: [WebhookEventsModule],
  providers: [TemplateReviewService],
  exports: [TemplateReviewService],
})
export class TemplateReviewModule {}
