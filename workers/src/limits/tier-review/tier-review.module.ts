import { Module } from '@nestjs/common';
import { WebhookEventsModule } from '@switchboard/webhooks';
import { TierReviewService } from './tier-review.service';

/** The tier review, for the worker process (workers/src/limits). */
@Module({
  imports: [WebhookEventsModule],
  providers: [TierReviewService],
  exports: [TierReviewService],
})
export class TierReviewModule {}
