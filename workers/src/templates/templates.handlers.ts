import { Injectable } from '@nestjs/common';
import { TemplateReviewService } from '@switchboard/business/templates/review/template-review.service';
import { type HandlerBinding, type JobPayload, jobs } from '@switchboard/jobs';

/** Thin handler: the reviewer lives with the templates feature in the API's business layer. */
@Injectable()
export class TemplatesHandlers {
  constructor(private readonly review: TemplateReviewService) {}

  bindings(): HandlerBinding[] {
    return [
      {
        job: jobs.reviewTemplate,
        handle: (p) => {
          const { templateId, revision } = p as JobPayload<'reviewTemplate'>;
          return this.review.autoReview(templateId, revision);
        },
      },
      { job: jobs.sweepTemplateReviews, handle: () => this.review.requeueStale() },
    ];
  }
}
