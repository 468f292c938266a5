import { Injectable, Logger } from '@nestjs/common';
import { movableFromSql } from '@switchboard/business/campaigns/campaign-status';
import { CampaignsDb } from './campaigns-db';
import type { CampaignRow } from './render-recipient';

/** The dispatcher's reads and conditional moves of a Campaign row (each only from RUNNING). */
@Injectable()
export class CampaignState {
  private readonly log = new Logger('CampaignDispatcher');

  constructor(private readonly db: CampaignsDb) {}

  async read(id: string): Promise<CampaignRow | undefined> {
    const { rows } = await this.db.query<CampaignRow>(
      `SELECT "id", "businessId", "phoneNumberId", "status", "templateName", "templateLanguage", "components"
       FROM "Campaign" WHERE "id" = $1`,
      [id],
    );
    return rows[0];
  }

  /** No recipient left to claim: COMPLETED once none is PENDING at all (deferred ones still count as left). */
  async completeIfDone(campaignId: string): Promise<'done' | 'waiting'> {
    const { rowCount } = await this.db.query(
      `UPDATE "Campaign" SET "status" = 'COMPLETED', "completedAt" = now(), "waitReason" = NULL, "waitUntil" = NULL,
              "updatedAt" = now()
       WHERE "id" = $1 AND "status" IN (${movableFromSql('complete')})
         AND NOT EXISTS (SELECT 1 FROM "CampaignRecipient" WHERE "campaignId" = $1 AND "state" = 'PENDING')`,
      [campaignId],
    );
    if (rowCount) this.log.log(`campaign ${campaignId} dispatched every recipient`);
    return rowCount ? 'done' : 'waiting';
  }

  async waitForBudget(campaignId: string, ms: number): Promise<void> {
    await this.db.query(
      `UPDATE "Campaign" SET "waitReason" = 'messaging_limit', "waitUntil" = now() + $2 * interval '1 millisecond',
              "updatedAt" = now()
       WHERE "id" = $1 AND "status" = 'RUNNING'`,
      [campaignId, ms],
    );
  }

  async pauseForTemplate(campaignId: string, templateStatus: string): Promise<void> {
    const reason = `template_${templateStatus.toLowerCase()}`;
    const { rowCount } = await this.db.query(
      `UPDATE "Campaign" SET "status" = 'PAUSED', "pauseReason" = $2, "updatedAt" = now()
       WHERE "id" = $1 AND "status" IN (${movableFromSql('templatePause')})`,
      [campaignId, reason],
    );
    if (rowCount) this.log.log(`campaign ${campaignId} paused: its template is ${templateStatus}`);
  }
}
