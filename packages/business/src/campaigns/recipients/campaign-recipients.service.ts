import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import { type PageDirection, pageArgs, toPage } from '../../common/paging';
import { CampaignErrors } from '../campaign-errors';
import type { ListRecipientsQuery } from './recipients.input';
import { type RecipientRow, recipientsPage } from './recipients.repository';
import { recipientsCsv } from './recipients-csv';

/** A campaign's per-recipient table: the ledger in audience order, filtered, a page at a time. */
@Injectable()
export class CampaignRecipients {
  constructor(private readonly prisma: PrismaService) {}

  /** A page in audience order, or its reverse when `order` is desc (the console's table sorts both ways). */
  async list(businessId: string, campaignId: string, q: ListRecipientsQuery & { order?: PageDirection }, url?: URL) {
    const db = this.prisma.client;
    const found = await db.campaign.findFirst({ where: { id: campaignId, businessId }, select: { id: true } });
    if (!found) throw CampaignErrors.notFound(campaignId);
    // The Graph cursors of every other list, over seq: pageArgs decodes them (a bad one matches nothing).
    const args = pageArgs(q, { key: 'seq', order: q.order ?? 'asc' });
    const bound = args.where.seq as { gt?: string; lt?: string } | undefined;
    const malformed = bound?.gt === '' || bound?.lt === '';
    const rows = malformed
      ? []
      : await recipientsPage(db, campaignId, {
          above: seqOf(bound?.gt),
          below: seqOf(bound?.lt),
          descending: args.orderBy.seq === 'desc',
          state: q.state,
          code: q.code,
          digits: q.q || undefined,
          take: args.take,
        });
    return toPage(rows, q, render, url, 'seq');
  }

  /** Every recipient the table's filters keep, as a CSV stream (the export of the campaign page). */
  async exportCsv(businessId: string, campaignId: string, q: Pick<ListRecipientsQuery, 'state' | 'code' | 'q'>) {
    const db = this.prisma.client;
    const found = await db.campaign.findFirst({ where: { id: campaignId, businessId }, select: { id: true } });
    if (!found) throw CampaignErrors.notFound(campaignId);
    return recipientsCsv(db, campaignId, { state: q.state, code: q.code, digits: q.q || undefined });
  }
}

/** Cursors decode to up to 20 digits; past the largest seq there can be (an int column) is as good as the largest. */
const seqOf = (cursor?: string) => (cursor === undefined ? undefined : Math.min(Number(cursor), 2 ** 31 - 1));

function render(r: RecipientRow) {
  return {
    row: Number(r.seq),
    input: r.input,
    ...(r.waId && { wa_id: r.waId }),
    state: r.state,
    ...(r.state === 'skipped' && r.reason && { reason: r.reason }),
    ...(r.state === 'failed' && { error_code: r.code ?? r.reason ?? 'unknown' }),
    ...(r.wamid && { wamid: r.wamid }),
    ...(r.dispatchedAt && { dispatched_at: r.dispatchedAt.toISOString() }),
  };
}
