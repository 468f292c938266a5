import { Injectable } from '@nestjs/common';
import { TemplateReviewService } from '@switchboard/business/templates/review/template-review.service';
import { bindJob, type HandlerBinding, jobs } from '@switchboard/jobs';

/** Thin handler: the reviewer lives with the templates feature in @switchboard/business (the API uses it too). */
@Injectable()
export class TemplatesHandlers {
  constructor(private readonly review: TemplateReviewService) {}

  bindings(): HandlerBinding[] {
    return [
      bindJob(jobs.reviewTemplate, ({ templateId, revision }) => this.review.autoReview(templateId, revision)),
      bindJob(jobs.sweepTemplateReviews, () => this.review.requeueStale()),
    ];
  }
}
