import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { OperatorAuthGuard } from '../../auth/operator-auth.guard';
import { GRAPH_ID } from '../../common/ids';
import { valid } from '../../common/validation';
import { type ReviewBody, reviewBody } from '../inputs/template-body.input';
import { TemplateReviewService } from './template-review.service';

const templateParams = z.object({ template_id: z.string().regex(GRAPH_ID, 'expected a template id') });

/**
 * `POST /{template_id}/review` (a Switchboard extension): the reviewer's decision on any business's template, made
 * with the platform operator's credential — Meta's part in the Cloud API, never the business's own.
 */
@Controller()
@UseGuards(OperatorAuthGuard)
export class TemplateReviewController {
  constructor(private readonly review: TemplateReviewService) {}

  @Post(':template_id/review')
  @HttpCode(200)
  decide(@Param(valid(templateParams)) p: z.output<typeof templateParams>, @Body(valid(reviewBody)) body: ReviewBody) {
    return this.review.decide(p.template_id, body);
  }
}
