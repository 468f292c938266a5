import { Injectable } from '@nestjs/common';
import type { MessageError } from '@switchboard/business/messages/log/message-log.service';
import { campaignWamid } from '@switchboard/business/messages/wamid';
import { PrismaService } from '@switchboard/platform';
import { StatusReporter } from '../../business-device/statuses';
import type { ClaimedRecipient } from './campaign-ledger.repository';
import type { CampaignRow } from './render-recipient';

export interface RecipientFailure {
  recipient: ClaimedRecipient;
  error: MessageError;
}

/**
 * A recipient whose message cannot be built (its variables break a template limit: 132005, 132012…) fails for good,
 * and the business hears of it as it would of any failed send: a message in its log with status `failed` and a
 * `failed` status webhook carrying the error. Ledger row, message and webhook are one transaction, and the ledger
 * update is conditional, so a second dispatcher meeting the same recipient records nothing twice. The message is
 * not tagged with the campaign: the ledger's FAILED row is what the campaign's progress counts.
 */
@Injectable()
export class DispatchFailures {
  constructor(
    private readonly prisma: PrismaService,
    private readonly statuses: StatusReporter,
  ) {}

  async record(campaign: CampaignRow, { recipient, error }: RecipientFailure): Promise<void> {
    const wamid = campaignWamid(campaign.id, recipient.waId);
    await this.prisma.client.$transaction(async (tx) => {
      const moved = await tx.campaignRecipient.updateMany({
        where: { campaignId: campaign.id, seq: recipient.seq, state: 'PENDING' },
        data: { state: 'FAILED', reason: String(error.code), wamid },
      });
      if (!moved.count) return;
      await tx.businessMessage.createMany({
        data: {
          wamid,
          businessId: campaign.businessId,
          phoneNumberId: campaign.phoneNumberId,
          direction: 'outbound',
          waId: recipient.waId,
          type: 'template',
          payload: { template: { name: campaign.templateName, language: { code: campaign.templateLanguage } } },
          status: 'queued',
        },
        skipDuplicates: true,
      });
      await this.statuses.fail(wamid, error, new Date(), tx);
    });
  }
}
