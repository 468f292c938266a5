import { Readable } from 'node:stream';
import type { PrismaService } from '@switchboard/platform';
import { type RecipientFilter, recipientsPage } from './recipients.repository';

/** Rows read per query while exporting: one keyset page of the ledger at a time, never the whole campaign in memory. */
const PAGE = 5_000;
const HEADER = ['row', 'input', 'wa_id', 'state', 'reason', 'error_code', 'wamid', 'dispatched_at'];

/**
 * A cell as RFC 4180 wants it; a cell a spreadsheet would run as a formula (`=…`, `@…`, or `+` / `-` not followed by
 * a digit, so phone numbers stay as they are) gets a leading quote, as OWASP advises for CSV exports.
 */
export function csvCell(value: string): string {
  const safe = /^[=@\t\r]|^[+-](?![0-9])/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The campaign's recipients (filtered as the table is) as CSV, streamed page by page in audience order. */
export function recipientsCsv(
  prisma: PrismaService['client'],
  campaignId: string,
  filter: Omit<RecipientFilter, 'above' | 'below' | 'descending' | 'take'>,
): Readable {
  async function* lines() {
    yield `${HEADER.join(',')}\n`;
    let after: number | undefined;
    for (;;) {
      const rows = await recipientsPage(prisma, campaignId, { ...filter, above: after, take: PAGE });
      if (!rows.length) return;
      yield rows
        .map((r) => {
          const failed = r.state === 'failed';
          return [
            r.seq,
            r.input,
            r.waId ?? '',
            r.state,
            r.state === 'skipped' ? (r.reason ?? '') : '',
            failed ? (r.code ?? r.reason ?? 'unknown') : '',
            r.wamid ?? '',
            r.dispatchedAt?.toISOString() ?? '',
          ]
            .map((v) => csvCell(String(v)))
            .join(',');
        })
        .join('\n')
        .concat('\n');
      after = Number(rows[rows.length - 1]!.seq);
      if (rows.length < PAGE) return;
    }
  }
  return Readable.from(lines());
}
