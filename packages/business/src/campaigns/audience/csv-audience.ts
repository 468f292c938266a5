import { ApiError } from '@switchboard/core/errors/api-error';
import type { CountryCode } from 'libphonenumber-js/max';
import { Recipients } from '../../messages/send/recipient';
import { CSV_MAX_ROWS } from '../inputs/campaign.input';
import type { AudienceRow } from './audience-row';
import { CsvError, parseCsv } from './csv';
import { hasAll } from './placeholders';

/** Header names accepted for the number column (any case). */
const PHONE_COLUMNS = ['phone', 'phone_number', 'wa_id', 'to'];

export interface CsvAudience {
  rows: AudienceRow[];
  columns: string[];
}

const YIELD_EVERY = 2_000;

const invalid = (why: string) => ApiError.invalidParameter(`audience.csv: ${why}`);

/**
 * An uploaded CSV → audience rows, in file order: a header row, one number column (PHONE_COLUMNS), and the other
 * columns as variables. Numbers are normalised as a single send does (Recipients, with the sending number's country
 * for national numbers); the first occurrence of a wa_id stays, later ones are duplicates; a row without a value for
 * a variable in `names` is missing_variable. Opt-outs need the database: the ledger insert marks those.
 */
export async function readCsvAudience(
  csv: string,
  country: CountryCode | undefined,
  names: string[],
): Promise<CsvAudience> {
  const records = readRecords(csv);
  const header = records[0]!.map((f) => f.trim());
  const lower = header.map((h) => h.toLowerCase());
  const found = lower.map((h, i) => (PHONE_COLUMNS.includes(h) ? i : -1)).filter((i) => i >= 0);
  if (found.length !== 1)
    throw invalid(
      found.length
        ? `the header has ${found.length} number columns (${found.map((i) => header[i]).join(', ')}); keep one`
        : `the header row needs a number column named ${PHONE_COLUMNS.join(', ')} (any case)`,
    );
  const phoneAt = found[0]!;
  // A variable no column names is not refused here: every row is then missing_variable, which the report shows.
  const varAt = names.map((n) => header.indexOf(n));
  const recipients = new Recipients();
  const seen = new Set<string>();
  const rows: AudienceRow[] = [];
  for (let i = 1; i < records.length; i++) {
    rows.push(toRow(records[i]!, phoneAt, names, varAt, country, recipients, seen));
    // libphonenumber's full metadata costs ~30 µs a number (~6 s for 200,000): let other requests run meanwhile.
    if (i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { rows, columns: header };
}

/** The header and the data rows; the row limit is checked while parsing, so a huge file stops early. */
function readRecords(csv: string): string[][] {
  const records: string[][] = [];
  try {
    parseCsv(csv, (fields) => {
      if (records.length > CSV_MAX_ROWS) throw invalid(`more than ${CSV_MAX_ROWS} rows`);
      records.push(fields);
    });
  } catch (err) {
    if (err instanceof CsvError) throw invalid(err.message);
    throw err;
  }
  if (!records.length) throw invalid('empty: expected a header row and at least one row');
  if (records.length === 1) throw invalid('no rows after the header');
  return records;
}

function toRow(
  fields: string[],
  phoneAt: number,
  names: string[],
  varAt: number[],
  country: CountryCode | undefined,
  recipients: Recipients,
  seen: Set<string>,
): AudienceRow {
  const input = (fields[phoneAt] ?? '').trim();
  const variables: Record<string, string> = {};
  names.forEach((name, k) => {
    const value = varAt[k]! >= 0 ? fields[varAt[k]!] : undefined;
    if (value !== undefined && value !== '') variables[name] = value;
  });
  const vars = names.length ? variables : null;
  const waId = recipients.toWaId(input, country) ?? null;
  if (!waId) return { input, waId: null, variables: vars, reason: 'invalid_number' };
  if (seen.has(waId)) return { input, waId, variables: vars, reason: 'duplicate' };
  seen.add(waId);
  return { input, waId, variables: vars, reason: hasAll(variables, names) ? null : 'missing_variable' };
}
