import { Module } from '@nestjs/common';
import { WebhookEventsModule } from '@switchboard/webhooks';
import { TierReviewRepository } from './tier-review.repository';
import { TierReviewService } from './tier-review.service';

/** The tier review, for the worker process (workers/src/limits). */
@Module({
  imports: [WebhookEventsModule],
  providers: [TierReviewRepository, TierReviewService],
  exports: [TierReviewService],
})
export class TierReviewModule {}
