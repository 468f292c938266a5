import { Injectable } from '@nestjs/common';
import { bindJob, type HandlerBinding, jobs } from '@switchboard/jobs';
import { TierReviewService } from './tier-review/tier-review.service';

/** Thin handler: the review lives with the limits in the API's business layer. */
@Injectable()
export class LimitsHandlers {
  constructor(private readonly tiers: TierReviewService) {}

  bindings(): HandlerBinding[] {
    return [bindJob(jobs.limitsReviewTiers, () => this.tiers.review())];
  }
}
