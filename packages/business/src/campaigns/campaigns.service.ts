import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { GraphIds } from '../common/ids';
import { pageArgs, toPage } from '../common/paging';
import { type IdempotencyClaim, IdempotencyService } from '../messages/idempotency/idempotency.service';
import { requestHash } from '../messages/idempotency/request-hash';
import { BusinessNumbers } from '../messages/send/business-numbers';
import { TemplatesService } from '../templates/templates.service';
import {
  analyzeLedger,
  type ContactSelector,
  firstContactVariables,
  insertContactLedger,
  insertCsvLedger,
} from './audience/audience-ledger.repository';
import { type CsvAudience, readCsvAudience } from './audience/csv-audience';
import { placeholderNames } from './audience/placeholders';
import { type AudienceReport, audienceReport } from './audience/report';
import { CampaignErrors } from './campaign-errors';
import type { CreateCampaignBody, ListCampaignsQuery } from './inputs/campaign.input';
import { isTimeZone, scheduleInstant } from './inputs/schedule';
import { renderCampaign } from './outputs/campaign.output';
import { personalize } from './personalize';
import { progressOf } from './progress/progress';

/** A million-contact audience is one INSERT … SELECT of several seconds: well beyond Prisma's 5 s default. */
const BUILD_TIMEOUT_MS = 10 * 60_000;
/** Ledgers at least this large are followed by an ANALYZE (sampling costs well under a second). */
const ANALYZE_FROM_ROWS = 10_000;
/** A campaign create's Idempotency-Key hashes its body under this scope (a send's is its phone number id). */
const IDEMPOTENCY_SCOPE = 'campaigns';

/** Thrown inside the create's transaction to undo it: another request holds the Idempotency-Key. */
class KeyTaken extends Error {}

/** Thrown inside a dry run's transaction to undo it, carrying what the create would have answered. */
class DryRun extends Error {
  constructor(readonly report: AudienceReport) {
    super('dry run');
  }
}

/**
 * Creating campaigns (the audience built into the ledger and validated against the template, in one transaction)
 * and reading them with live progress. Sending is the dispatcher's (campaigns/dispatch): it picks up RUNNING and due
 * SCHEDULED campaigns from the database, so nothing is enqueued here.
 */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ids: GraphIds,
    private readonly numbers: BusinessNumbers,
    private readonly templates: TemplatesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * The new campaign with its audience report. With an Idempotency-Key, as for sends: a retry of the same request
   * answers the campaign it created (as it is now) and creates nothing; another request with the key is a 422.
   */
  async create(businessId: string, body: CreateCampaignBody, idempotencyHeader?: string | string[]) {
    const key = this.idempotency.parseKey(idempotencyHeader);
    if (!key) return { body: (await this.build(businessId, body))!, replayed: false };
    const claim = { key, hash: requestHash(IDEMPOTENCY_SCOPE, body) };
    return this.idempotency.once(
      businessId,
      claim,
      () => this.build(businessId, body, claim),
      (stored) => this.created(businessId, (JSON.parse(stored) as { id: string }).id),
    );
  }

  /** Builds the campaign; undefined when `claim`'s key was taken meanwhile (then nothing was written). */
  private async build(businessId: string, body: CreateCampaignBody, claim?: IdempotencyClaim) {
    const plan = await this.plan(businessId, body);
    let report: AudienceReport;
    try {
      report = await this.prisma.client.$transaction(
        async (tx) => {
          const built = await this.writeLedger(tx, plan);
          // Last, so the key's row is locked only for the commit: sends of every business share one accept statement,
          // and one with this key must not wait on a ledger being built. A retry racing this one builds in vain.
          if (claim && !(await this.idempotency.claimIn(tx, businessId, claim, JSON.stringify({ id: plan.id }))))
            throw new KeyTaken();
          return built;
        },
        { timeout: BUILD_TIMEOUT_MS, maxWait: 10_000 },
      );
    } catch (err) {
      if (err instanceof KeyTaken) return undefined;
      throw err;
    }
    // A large ledger just arrived in one statement, long before autovacuum would look: without fresh statistics the
    // planner takes "this campaign's PENDING rows" for a handful and the dispatcher's claims scan all of them.
    if (report.recipients >= ANALYZE_FROM_ROWS) await analyzeLedger(this.prisma.client);
    return this.created(businessId, plan.id, report);
  }

  /**
   * What a create would make of `body`, and nothing kept: the same checks and the same ledger, written in a
   * transaction that is rolled back, so the report (invalid, duplicates, opted out, missing variables) is the one a
   * create would answer. The console's wizard shows it before anything is sent.
   */
  async check(businessId: string, body: CreateCampaignBody) {
    const plan = await this.plan(businessId, body);
    try {
      await this.prisma.client.$transaction(
        async (tx) => {
          throw new DryRun(await this.writeLedger(tx, plan));
        },
        { timeout: BUILD_TIMEOUT_MS, maxWait: 10_000 },
      );
    } catch (err) {
      if (!(err instanceof DryRun)) throw err;
      return {
        report: err.report,
        phone_number_id: plan.number.id,
        category: plan.category,
        sample: plan.sample,
        scheduled_at: plan.scheduledAt?.toISOString() ?? null,
      };
    }
    throw new Error('unreachable: a dry run always rolls back');
  }

  /** Everything a create checks before writing: schedule, number, CSV, and the template with a real recipient's values. */
  private async plan(businessId: string, body: CreateCampaignBody) {
    const at = body.schedule && scheduleInstant(body.schedule.at, await this.timeZone(businessId, body.schedule));
    const number = await this.numbers.get(businessId, body.phone_number_id);
    const components = body.template.components ?? [];
    const names = placeholderNames(components);
    const csv =
      body.audience.csv !== undefined ? await readCsvAudience(body.audience.csv, number.country, names) : undefined;
    const selector: ContactSelector = {
      tags: [...new Set(body.audience.tags ?? [])],
      attributes: body.audience.attributes ?? {},
    };
    // The template is checked as a single send would be, with a real recipient's values where there is one.
    const found = csv
      ? (csv.rows.find((r) => r.reason === null)?.variables ?? undefined)
      : await firstContactVariables(this.prisma.client, businessId, selector, names);
    const sample = found ?? Object.fromEntries(names.map((n) => [n, 'x']));
    const { name, language } = body.template;
    const rendered = await this.templates.resolveForSend(
      businessId,
      name,
      language.code,
      personalize(components, sample),
    );
    const now = new Date();
    return {
      id: await this.ids.newGraphId(),
      businessId,
      body,
      number,
      components,
      names,
      csv,
      selector,
      category: rendered.category,
      /** The first complete recipient's variables (null when no recipient has them all). */
      sample: found ? (sample as Record<string, unknown>) : null,
      scheduledAt: at ?? null,
      scheduled: Boolean(at && at > now),
      now,
    };
  }

  /** The ledger and the Campaign row, in `tx`; answers the audience report read back from the ledger. */
  private async writeLedger(tx: Prisma.TransactionClient, plan: Awaited<ReturnType<CampaignsService['plan']>>) {
    const { id, businessId, body, csv, selector, names, scheduled, now } = plan;
    const marketing = plan.category === 'MARKETING';
    const count = csv
      ? await insertCsvLedger(tx, id, businessId, csv.rows, marketing)
      : await insertContactLedger(tx, id, businessId, selector, names, marketing);
    if (!count) throw ApiError.invalidParameter('audience: no contact has these tags and attributes');
    await tx.campaign.create({
      data: {
        id,
        businessId,
        phoneNumberId: plan.number.id,
        name: body.name,
        templateName: body.template.name,
        templateLanguage: body.template.language.code,
        components: plan.components as Prisma.InputJsonValue,
        audience: describe(csv, selector),
        status: scheduled ? 'SCHEDULED' : 'RUNNING',
        scheduledAt: plan.scheduledAt,
        startedAt: scheduled ? null : now,
        recipientCount: count,
      },
    });
    return audienceReport(tx, id);
  }

  /** What a create answers: the campaign and its audience report (read again from the ledger for a replay). */
  private async created(businessId: string, id: string, report?: AudienceReport) {
    return { ...(await this.get(businessId, id)), report: report ?? (await audienceReport(this.prisma.client, id)) };
  }

  async list(businessId: string, q: ListCampaignsQuery, url?: URL) {
    const args = pageArgs(q);
    const where = { ...args.where, businessId, ...(q.status && { status: q.status }) };
    const rows = await this.prisma.client.campaign.findMany({ ...args, where });
    const progress = await progressOf(
      this.prisma.client,
      rows.slice(0, q.limit).map((r) => r.id),
    );
    return toPage(rows, q, (c) => renderCampaign(c, progress.get(c.id)!), url);
  }

  async get(businessId: string, id: string) {
    const campaign = await this.read(businessId, id);
    if (!campaign) throw CampaignErrors.notFound(id);
    return campaign;
  }

  /** The campaign with its progress; undefined when this business has no such campaign. */
  async read(businessId: string, id: string) {
    const c = await this.prisma.client.campaign.findFirst({ where: { id, businessId } });
    if (!c) return undefined;
    const progress = await progressOf(this.prisma.client, [id]);
    return renderCampaign(c, progress.get(id)!);
  }

  /** The schedule's own zone, else the business's (Business.timeZone, UTC unless set). */
  private async timeZone(businessId: string, schedule: { time_zone?: string }): Promise<string> {
    if (schedule.time_zone) return schedule.time_zone;
    const b = await this.prisma.client.business.findUnique({ where: { id: businessId }, select: { timeZone: true } });
    // A stored zone this runtime does not know would make Intl throw; it is read as UTC rather than failing the call.
    return b && isTimeZone(b.timeZone) ? b.timeZone : 'UTC';
  }
}

/** What is kept of the audience on the campaign: the selector, or the CSV's shape (never the file). */
function describe(csv: CsvAudience | undefined, selector: ContactSelector): Prisma.InputJsonObject {
  return csv ? { csv: { rows: csv.rows.length, columns: csv.columns } } : { ...selector };
}
