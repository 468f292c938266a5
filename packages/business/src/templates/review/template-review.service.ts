import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { ApiError } from '@switchboard/core/errors/api-error';
import { type MessageTemplate, Prisma, type TemplateStatus } from '@switchboard/db';
import { background } from '@switchboard/jobs';
import { CONFIG, PrismaService, QueuesService } from '@switchboard/platform';
import { WebhookEventsService } from '@switchboard/webhooks';
import type { TemplateComponent } from '../inputs/template.input';
import type { ReviewBody } from '../inputs/template-body.input';
import { renderTemplateObject } from '../outputs/template.output';
import { reviewProblems } from '../rules/review-rules';
import { ALLOWED, type RejectionInfo, statusUpdateValue } from './status-change';

/**
 * How long a template may stay PENDING under automatic review before the sweep queues its review again. A review
 * takes well under a second; ten minutes leaves lost jobs rare enough to wait for, and never races a live one.
 */
export const STALE_MS = 10 * 60_000;
/** How often each worker process adds the sweep job. */
export const SWEEP_EVERY_MS = background.sweepTemplateReviews.everyMs;

interface Change {
  status: TemplateStatus;
  rejectedReason?: string;
  rejectionInfo?: RejectionInfo | null;
  details?: string;
}

/**
 * The reviewer: the automatic rules (run by the `templates.review` job) and the manual decisions of
 * POST /{template_id}/review. Every status change is one transaction with its `message_template_status_update`
 * webhook event, so an event exists exactly when the change does.
 */
@Injectable()
export class TemplateReviewService {
  private readonly forbidden: RegExp[];
  private readonly log = new Logger('TemplateReview');

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueuesService,
    private readonly webhooks: WebhookEventsService,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.forbidden = config.business.templateForbiddenPatterns.map((p) => new RegExp(p, 'iu'));
  }

  /**
   * After a create or an edit: queue the automatic review, unless reviews are manual (TEMPLATE_REVIEW=manual). A
   * failure to queue is not the client's problem — the template is stored PENDING and requeueStale finds it.
   */
  async submit(t: Pick<MessageTemplate, 'id' | 'revision'>): Promise<void> {
    if (this.config.business.templateReview !== 'auto') return;
    const job = { templateId: t.id, revision: t.revision };
    await this.queues
      .add('reviewTemplate', job, { jobId: `template-review-${t.id}-${t.revision}` })
      .catch((err: Error) =>
        this.log.warn(`template ${t.id}: review not queued (${err.message}); the sweep will retry`),
      );
  }

  /**
   * The `templates.sweep` job: queues again the review of every template PENDING for over STALE_MS, whose job Redis
   * lost or which failed. A fresh job id per sweep, since a failed job keeps its id; autoReview makes repeats harmless.
   */
  async requeueStale(now = Date.now()): Promise<{ requeued: number }> {
    if (this.config.business.templateReview !== 'auto') return { requeued: 0 };
    const stale = await this.prisma.client.messageTemplate.findMany({
      where: { status: 'PENDING', updatedAt: { lt: new Date(now - STALE_MS) } },
      select: { id: true, revision: true },
      take: 1000,
    });
    const sweep = Math.floor(now / SWEEP_EVERY_MS);
    for (const t of stale)
      await this.queues.add(
        'reviewTemplate',
        { templateId: t.id, revision: t.revision },
        { jobId: `template-review-${t.id}-${t.revision}-sweep-${sweep}` },
      );
    return { requeued: stale.length };
  }

  /**
   * The job's work. Idempotent: it decides only a PENDING template still at the revision it was queued for, so a
   * retried or late job cannot overrule a manual decision or judge content it never saw.
   */
  async autoReview(templateId: string, revision: number): Promise<{ status: TemplateStatus } | { skipped: string }> {
    const t = await this.prisma.client.messageTemplate.findUnique({ where: { id: templateId } });
    if (t?.status !== 'PENDING' || t.revision !== revision) return { skipped: 'no longer pending at this revision' };
    const subject = { parameterFormat: t.parameterFormat, components: t.components as unknown as TemplateComponent[] };
    const problems = reviewProblems(subject, this.forbidden);
    const change: Change = problems.length
      ? {
          status: 'REJECTED',
          rejectedReason: problems.some((p) => p.reason === 'ABUSIVE_CONTENT') ? 'ABUSIVE_CONTENT' : 'INVALID_FORMAT',
          rejectionInfo: {
            reason: problems.map((p) => `${p.field}: ${p.message}`).join(' '),
            recommendation: problems[0]!.recommendation,
          },
        }
      : { status: 'APPROVED' };
    const done = await this.apply(t, change, revision);
    return done ? { status: done.status } : { skipped: 'changed meanwhile' };
  }

  /** POST /{template_id}/review: the operator's decision on any business's template, within the allowed transitions. */
  async decide(templateId: string, body: ReviewBody) {
    const t = await this.prisma.client.messageTemplate.findUnique({ where: { id: templateId } });
    if (!t) throw ApiError.notFound(`message template '${templateId}'`);
    if (!ALLOWED[t.status].includes(body.decision)) {
      const allowed = ALLOWED[t.status].join(' or ') || 'nothing';
      throw ApiError.invalidParameter(`decision: a ${t.status} template can become ${allowed}`);
    }
    const change: Change = {
      status: body.decision,
      details: body.details,
      ...(body.decision === 'REJECTED' && {
        rejectedReason: body.reason!,
        rejectionInfo: {
          reason: body.details ?? `Rejected by a reviewer: ${body.reason}`,
          recommendation: 'Edit the template and submit it again.',
        },
      }),
    };
    const done = await this.apply(t, change);
    if (!done) throw ApiError.invalidParameter('decision: the template changed meanwhile; read it and decide again');
    return renderTemplateObject(done);
  }

  /** The conditional update (same status, and revision when given) and its webhook event, in one transaction. */
  private apply(t: MessageTemplate, change: Change, revision?: number) {
    const rejected = change.status === 'REJECTED';
    return this.prisma.client.$transaction(async (tx) => {
      const { count } = await tx.messageTemplate.updateMany({
        where: { id: t.id, status: t.status, ...(revision !== undefined && { revision }) },
        data: {
          status: change.status,
          rejectedReason: rejected ? change.rejectedReason : 'NONE',
          rejectionInfo: rejected && change.rejectionInfo ? { ...change.rejectionInfo } : Prisma.DbNull,
        },
      });
      if (!count) return undefined;
      const updated = await tx.messageTemplate.findUniqueOrThrow({ where: { id: t.id } });
      const value = statusUpdateValue(updated, change.status, {
        previous: t.status,
        rejectionInfo: change.rejectionInfo,
        details: change.details,
      });
      await this.webhooks.emit(t.businessId, 'message_template_status_update', value, { tx });
      return updated;
    });
  }
}
