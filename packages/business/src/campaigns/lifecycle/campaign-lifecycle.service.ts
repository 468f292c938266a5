import { Injectable } from '@nestjs/common';
import type { Campaign } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { TemplateErrors } from '../../templates/template-errors';
import { CampaignErrors } from '../campaign-errors';
import { type CampaignMove, movableFrom, movableFromText } from '../campaign-status';
import { CampaignsService } from '../campaigns.service';

/** Pauses the sweeper applies and lifts when the template is APPROVED again (docs/campaigns.md). */
const TEMPLATE_PAUSES = ['template_paused', 'template_disabled'];
const CANCEL_TIMEOUT_MS = 5 * 60_000;

/**
 * pause / resume / cancel (CAMPAIGN_MOVES). Every change is a conditional update on the statuses the move starts from
 * (`WHERE status IN …`), so of two concurrent calls — or a call and the sweeper — exactly one wins; the loser is told
 * the status it ran into.
 */
@Injectable()
export class CampaignLifecycle {
  constructor(
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignsService,
  ) {}

  async pause(businessId: string, id: string) {
    const { count } = await this.prisma.client.campaign.updateMany({
      where: { id, businessId, status: { in: movableFrom('pause') } },
      data: { status: 'PAUSED', pauseReason: 'user' },
    });
    if (!count) await this.refuse(businessId, id, 'paused', 'pause');
    return this.campaigns.get(businessId, id);
  }

  /** Back to SCHEDULED while its time is still ahead, else RUNNING. A template pause needs the template APPROVED. */
  async resume(businessId: string, id: string) {
    const c = await this.find(businessId, id);
    if (!movableFrom('resume').includes(c.status)) await this.refuse(businessId, id, 'resumed', 'resume', c);
    if (c.pauseReason && TEMPLATE_PAUSES.includes(c.pauseReason)) await this.assertApproved(c);
    const now = new Date();
    const scheduled = c.scheduledAt !== null && c.scheduledAt > now;
    const { count } = await this.prisma.client.campaign.updateMany({
      where: { id, businessId, status: c.status, pauseReason: c.pauseReason },
      data: {
        status: scheduled ? 'SCHEDULED' : 'RUNNING',
        pauseReason: null,
        startedAt: scheduled ? c.startedAt : (c.startedAt ?? now),
      },
    });
    if (!count) await this.refuse(businessId, id, 'resumed', 'resume');
    return this.campaigns.get(businessId, id);
  }

  /** Final: the recipients not sent yet become SKIPPED `cancelled` in the same transaction. */
  async cancel(businessId: string, id: string) {
    const done = await this.prisma.client.$transaction(
      async (tx) => {
        const { count } = await tx.campaign.updateMany({
          where: { id, businessId, status: { in: movableFrom('cancel') } },
          data: { status: 'CANCELLED', cancelledAt: new Date() },
        });
        if (!count) return false;
        // Rows a dispatcher holds (FOR UPDATE) are waited for, then re-checked: a row it dispatched stays DISPATCHED.
        await tx.campaignRecipient.updateMany({
          where: { campaignId: id, state: 'PENDING' },
          data: { state: 'SKIPPED', reason: 'cancelled' },
        });
        return true;
      },
      { timeout: CANCEL_TIMEOUT_MS, maxWait: 10_000 },
    );
    if (!done) await this.refuse(businessId, id, 'cancelled', 'cancel');
    return this.campaigns.get(businessId, id);
  }

  private async find(businessId: string, id: string): Promise<Campaign> {
    const c = await this.prisma.client.campaign.findFirst({ where: { id, businessId } });
    if (!c) throw CampaignErrors.notFound(id);
    return c;
  }

  /** A refused transition: 404 when there is no such campaign (for this business), else 100 naming its status. */
  private async refuse(
    businessId: string,
    id: string,
    action: string,
    move: CampaignMove,
    c?: Campaign,
  ): Promise<never> {
    const current = c ?? (await this.find(businessId, id));
    throw CampaignErrors.badTransition(id, current.status, action, movableFromText(move));
  }

  private async assertApproved(c: Campaign): Promise<void> {
    const t = await this.prisma.client.messageTemplate.findUnique({
      where: {
        businessId_name_language: { businessId: c.businessId, name: c.templateName, language: c.templateLanguage },
      },
      select: { status: true },
    });
    if (!t) throw TemplateErrors.notFound(c.templateName, c.templateLanguage);
    if (t.status === 'PAUSED') throw TemplateErrors.paused(c.templateName);
    if (t.status === 'DISABLED') throw TemplateErrors.disabled(c.templateName);
    if (t.status !== 'APPROVED')
      throw TemplateErrors.notFound(c.templateName, c.templateLanguage, `is ${t.status}, not approved,`);
  }
}
