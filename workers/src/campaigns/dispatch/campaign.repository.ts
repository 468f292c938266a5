import { Injectable, Logger } from '@nestjs/common';
import { movableFromSql } from '@switchboard/business/campaigns/campaign-status';
import { CampaignsDb } from './campaigns-db';
import type { CampaignRow } from './render-recipient';

// Scheduled campaigns whose time has come.
const START_DUE = `
UPDATE "Campaign" SET "status" = 'RUNNING', "startedAt" = now(), "updatedAt" = now()
WHERE "status" IN (${movableFromSql('start')}) AND "scheduledAt" <= now()`;

// Campaigns paused by their template's state, whose template is APPROVED again.
const RESUME_APPROVED = `
UPDATE "Campaign" c SET "status" = 'RUNNING', "pauseReason" = NULL, "updatedAt" = now()
FROM "MessageTemplate" t
WHERE c."status" IN (${movableFromSql('templateResume')}) AND c."pauseReason" LIKE 'template\\_%'
  AND t."businessId" = c."businessId" AND t."name" = c."templateName" AND t."language" = c."templateLanguage"
  AND t."status" = 'APPROVED'`;

// Running campaigns whose template is no longer sendable, paused even when no dispatcher is looking at them.
const PAUSE_UNAPPROVED = `
UPDATE "Campaign" c SET "status" = 'PAUSED', "updatedAt" = now(),
       "pauseReason" = 'template_' || lower(coalesce(t."status"::text, 'deleted'))
FROM "Campaign" c2 LEFT JOIN "MessageTemplate" t
  ON t."businessId" = c2."businessId" AND t."name" = c2."templateName" AND t."language" = c2."templateLanguage"
WHERE c."id" = c2."id" AND c."status" IN (${movableFromSql('templatePause')})
  AND (t."status" IS NULL OR t."status" <> 'APPROVED')`;

// The messaging limit's wait is over: the campaign may try again.
const END_WAITS = `
UPDATE "Campaign" SET "waitReason" = NULL, "waitUntil" = NULL, "updatedAt" = now()
WHERE "status" = 'RUNNING' AND "waitUntil" <= now()`;

const RUNNING = `SELECT "id" FROM "Campaign" WHERE "status" = 'RUNNING' AND "waitUntil" IS NULL`;

/**
 * Campaign rows as the worker reads and moves them: the dispatcher's moves of one campaign, and the sweeper's over
 * all of them. Every move is conditional on the statuses it starts from (CAMPAIGN_MOVES).
 */
@Injectable()
export class CampaignRepository {
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

  /** SCHEDULED campaigns whose time has come start; how many. */
  async startDue(): Promise<number> {
    return (await this.db.query(START_DUE)).rowCount ?? 0;
  }

  /** Template pauses lifted where the template is APPROVED again; running campaigns with an unsendable one paused. */
  async followTemplates(): Promise<void> {
    await this.db.query(RESUME_APPROVED);
    await this.db.query(PAUSE_UNAPPROVED);
  }

  /** Waits for the messaging limit that are over end. */
  async endWaits(): Promise<void> {
    await this.db.query(END_WAITS);
  }

  /** Running campaigns not waiting: each should have a dispatcher. */
  async runningIds(): Promise<string[]> {
    return (await this.db.query<{ id: string }>(RUNNING)).rows.map((r) => r.id);
  }
}
