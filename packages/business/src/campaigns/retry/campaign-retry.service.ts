import { Injectable } from '@nestjs/common';
import type { Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { GraphIds } from '../../common/ids';
import { TRANSIENT_CODES } from '../../messages/transient-codes';
import { TemplatesService } from '../../templates/templates.service';
import { audienceReport } from '../audience/report';
import { CampaignErrors } from '../campaign-errors';
import { CampaignsService } from '../campaigns.service';
import { personalize } from '../personalize';
import { firstFailure, insertRetryLedger } from './retry-ledger.repository';

/** As a create's: the ledger is one INSERT … SELECT, as long as the failures are many. */
const BUILD_TIMEOUT_MS = 10 * 60_000;

/**
 * "Retry the failed recipients": a new RUNNING campaign — same number, template and components — whose audience is
 * the original's retryable failures (TRANSIENT_CODES) with their variables, read from the original's ledger and
 * messages. Each recipient is retried at most once per original, however often this is called.
 */
@Injectable()
export class CampaignRetry {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ids: GraphIds,
    private readonly templates: TemplatesService,
    private readonly campaigns: CampaignsService,
  ) {}

  async retry(businessId: string, originalId: string) {
    const db = this.prisma.client;
    const original = await db.campaign.findFirst({ where: { id: originalId, businessId } });
    if (!original) throw CampaignErrors.notFound(originalId);
    const first = await firstFailure(db, original.id, businessId, TRANSIENT_CODES);
    if (!first) throw CampaignErrors.nothingToRetry(original.id, TRANSIENT_CODES);
    // The template may have been paused or changed since: checked as a create checks it, with a real recipient.
    const rendered = await this.templates.resolveForSend(
      businessId,
      original.templateName,
      original.templateLanguage,
      personalize(original.components, first.vars),
    );
    const id = await this.ids.newGraphId();
    const report = await db.$transaction(
      async (tx) => {
        const marketing = rendered.category === 'MARKETING';
        const count = await insertRetryLedger(tx, original.id, businessId, TRANSIENT_CODES, id, marketing);
        // Another retry took them between the look and the lock.
        if (!count) throw CampaignErrors.nothingToRetry(original.id, TRANSIENT_CODES);
        await tx.campaign.create({
          data: {
            id,
            businessId,
            phoneNumberId: original.phoneNumberId,
            name: `${original.name} (retry)`,
            templateName: original.templateName,
            templateLanguage: original.templateLanguage,
            components: original.components as Prisma.InputJsonValue,
            audience: { retry: { campaign_id: original.id, codes: [...TRANSIENT_CODES] } },
            status: 'RUNNING',
            startedAt: new Date(),
            recipientCount: count,
          },
        });
        return audienceReport(tx, id);
      },
      { timeout: BUILD_TIMEOUT_MS, maxWait: 10_000 },
    );
    return { ...(await this.campaigns.get(businessId, id)), report };
  }
}
