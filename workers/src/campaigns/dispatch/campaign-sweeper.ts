import { Injectable, Logger } from '@nestjs/common';
import { movableFromSql } from '@switchboard/business/campaigns/campaign-status';
import { QueuesService } from '@switchboard/platform';
import { CampaignsDb } from './campaigns-db';
import { DispatcherLock } from './dispatcher-lock';

/** How often each worker process enqueues `campaigns.sweep` (one per interval across processes). */
export const CAMPAIGN_SWEEP_MS = 2_000;

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
WHERE c."id" = c2."id" AND c."status" IN (${movableFromSql('templatePause')}) AND (t."status" IS NULL OR t."status" <> 'APPROVED')`;

// The messaging limit's wait is over: the campaign may try again.
const END_WAITS = `
UPDATE "Campaign" SET "waitReason" = NULL, "waitUntil" = NULL, "updatedAt" = now()
WHERE "status" = 'RUNNING' AND "waitUntil" <= now()`;

const RUNNING = `SELECT "id" FROM "Campaign" WHERE "status" = 'RUNNING' AND "waitUntil" IS NULL`;

/**
 * The campaigns' safety net and clock (docs/campaigns.md, "Dispatch"), run as a job every CAMPAIGN_SWEEP_MS: starts
 * what is due, follows template state, and restarts the dispatch of every running campaign that has no live
 * dispatcher — after a killed worker or a Redis flush, Postgres still says what is left, and this finds it.
 */
@Injectable()
export class CampaignSweeper {
  private readonly log = new Logger('CampaignSweeper');

  constructor(
    private readonly db: CampaignsDb,
    private readonly lock: DispatcherLock,
    private readonly queues: QueuesService,
  ) {}

  async sweep(): Promise<{ started: number; restarted: number }> {
    const started = (await this.db.query(START_DUE)).rowCount ?? 0;
    await this.db.query(RESUME_APPROVED);
    await this.db.query(PAUSE_UNAPPROVED);
    await this.db.query(END_WAITS);
    const { rows } = await this.db.query<{ id: string }>(RUNNING);
    let restarted = 0;
    const bucket = Math.floor(Date.now() / CAMPAIGN_SWEEP_MS);
    for (const { id } of rows) {
      if (await this.lock.alive(id)) continue;
      const chain = `s${bucket}`;
      await this.queues.add(
        'campaignsDispatch',
        { campaignId: id, slice: 0, chain },
        { jobId: `campaign-${id}-${chain}-0` },
      );
      restarted++;
    }
    if (started || restarted) this.log.log(`campaigns: ${started} started, ${restarted} dispatches (re)started`);
    return { started, restarted };
  }
}
