import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import { PrismaService } from '@switchboard/platform';
import { CsvError, parseCsv } from '../../campaigns/audience/csv';
import { CSV_MAX_ROWS } from '../../campaigns/inputs/campaign.input';
import { countryOf, Recipients } from '../../messages/send/recipient';
import type { ContactImportBody } from './contact-import.input';
import { ContactImportRepository, type ImportRow } from './contact-import.repository';

/** How many problem rows the report lists. */
const SAMPLES = 50;
const YIELD_EVERY = 2_000;
const TAG_SEPARATORS = /[;|]/;

export interface ContactImportReport {
  rows: number;
  created: number;
  updated: number;
  invalid: number;
  duplicates: number;
  /** The first problems in file order; `row` is the data row (header not counted). */
  samples: { row: number; input: string; reason: 'invalid_number' | 'duplicate' | 'invalid_tag' }[];
}

const invalid = (why: string) => ApiError.invalidParameter(why);

/**
 * A CSV into the contact book, with the columns the person mapped: numbers normalised as sends do (the business's
 * first number's country for national numbers), each number once (the first row wins), the rest merged into
 * existing contacts. Answers a report row by row; rows that fail are left out, the others are imported.
 */
@Injectable()
export class ContactImport {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: ContactImportRepository,
  ) {}

  async import(businessId: string, body: ContactImportBody): Promise<ContactImportReport> {
    const records = readRecords(body.csv);
    const header = records[0]!.map((h) => h.trim());
    const at = (name: string, field: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw invalid(`${field}: the file has no column "${name}" (its columns: ${header.join(', ')})`);
      return i;
    };
    const { columns } = body;
    const phoneAt = at(columns.phone, 'columns.phone');
    const nameAt = columns.profile_name ? at(columns.profile_name, 'columns.profile_name') : -1;
    const tagsAt = columns.tags ? at(columns.tags, 'columns.tags') : -1;
    const attrAt = (columns.attributes ?? []).map((a, k) => [a, at(a, `columns.attributes[${k}]`)] as const);
    const country = await this.country(businessId);
    const recipients = new Recipients();
    const seen = new Set<string>();
    const rows: ImportRow[] = [];
    const report: ContactImportReport = { rows: 0, created: 0, updated: 0, invalid: 0, duplicates: 0, samples: [] };
    const problem = (row: number, input: string, reason: ContactImportReport['samples'][number]['reason']) => {
      if (report.samples.length < SAMPLES) report.samples.push({ row, input, reason });
    };
    for (let r = 1; r < records.length; r++) {
      const fields = records[r]!;
      const input = (fields[phoneAt] ?? '').trim();
      report.rows++;
      const waId = recipients.toWaId(input, country);
      if (!waId) {
        report.invalid++;
        problem(r, input, 'invalid_number');
        continue;
      }
      if (seen.has(waId)) {
        report.duplicates++;
        problem(r, input, 'duplicate');
        continue;
      }
      seen.add(waId);
      const cell = tagsAt >= 0 ? (fields[tagsAt] ?? '') : '';
      const tags = [...cell.split(TAG_SEPARATORS), ...(body.tags ?? [])].map((t) => t.trim()).filter(Boolean);
      if (tags.some((t) => t.length > 64)) {
        report.invalid++;
        problem(r, input, 'invalid_tag');
        continue;
      }
      const attributes = Object.fromEntries(
        attrAt.map(([name, i]) => [name, fields[i] ?? ''] as const).filter(([, v]) => v !== ''),
      );
      rows.push({ waId, profileName: nameAt >= 0 ? fields[nameAt]?.trim() || null : null, tags, attributes });
      // libphonenumber costs ~30 µs a number: let other requests run during a large file.
      if (r % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return { ...report, ...(await this.repo.upsert(businessId, rows)) };
  }

  /** National numbers are read in the country of the business's first number. */
  private async country(businessId: string) {
    const n = await this.prisma.client.businessNumber.findFirst({
      where: { businessId },
      orderBy: { createdAt: 'asc' },
      select: { phoneNumber: true },
    });
    return n ? countryOf(n.phoneNumber) : undefined;
  }
}

function readRecords(csv: string): string[][] {
  const records: string[][] = [];
  try {
    parseCsv(csv, (fields) => {
      if (records.length > CSV_MAX_ROWS) throw invalid(`csv: more than ${CSV_MAX_ROWS} rows`);
      records.push(fields);
    });
  } catch (err) {
    if (err instanceof CsvError) throw invalid(`csv: ${err.message}`);
    throw err;
  }
  if (records.length < 2) throw invalid('csv: expected a header row and at least one row');
  return records;
}
