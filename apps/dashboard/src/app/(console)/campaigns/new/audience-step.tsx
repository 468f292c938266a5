'use client';
import Papa from 'papaparse';
import { useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { Input, NativeSelect } from '../../../../components/ui/input';
import { Label } from '../../../../components/ui/label';
import { Alert } from '../../../../components/ui/misc';
import { browserApi, explain } from '../../../../lib/api/client';
import styles from './wizard.module.css';
import { type Audience, NUMBER_COLUMNS, type WizardState } from './wizard-model';

export interface SendingNumber {
  id: string;
  display_phone_number: string;
  verified_name: string | null;
}

/** Reads an uploaded CSV's header and first row for the mapping and the preview; the API validates every row. */
async function readCsv(file: File): Promise<Audience | string> {
  const csv = await file.text();
  const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: 'greedy' });
  const [header = [], first = []] = parsed.data;
  const columns = header.map((h) => h.trim());
  const numberColumns = columns.filter((c) => NUMBER_COLUMNS.includes(c.toLowerCase()));
  if (numberColumns.length !== 1)
    return numberColumns.length
      ? `The header has ${numberColumns.length} number columns (${numberColumns.join(', ')}): keep one.`
      : `The first row must name the columns, one of them the number: ${NUMBER_COLUMNS.join(', ')} (any case).`;
  if (parsed.data.length < 2) return 'The file has no rows after its header.';
  return {
    kind: 'csv',
    csv,
    fileName: file.name,
    columns,
    first: Object.fromEntries(columns.map((c, i) => [c, first[i] ?? ''])),
    rows: parsed.data.length - 1,
    tags: [],
  };
}

/** Step 1: the campaign's name, the sending number, and who receives it (a CSV, or contacts with tags). */
export function AudienceStep({
  businessId,
  numbers,
  state,
  update,
}: {
  businessId: string;
  numbers: SendingNumber[];
  state: WizardState;
  update: (s: Partial<WizardState>) => void;
}) {
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const a = state.audience;
  const [tagsText, setTagsText] = useState(a.tags.join(', '));

  const upload = async (file: File | undefined) => {
    setProblem(undefined);
    if (!file) return;
    setBusy(`Reading ${file.name}…`);
    const read = await readCsv(file).finally(() => setBusy(undefined));
    if (typeof read === 'string') return setProblem(read);
    update({ audience: read, sources: {} });
  };

  const findContacts = async () => {
    const tags = [
      ...new Set(
        tagsText
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
    setProblem(undefined);
    setBusy('Looking for contacts…');
    const { data, error } = await browserApi
      .GET('/console/v1/businesses/{businessId}/contacts', {
        params: { path: { businessId }, query: { limit: 1, ...(tags[0] && { tag: tags[0] }) } },
      })
      .finally(() => setBusy(undefined));
    if (!data) return setProblem(explain(error));
    const contact = data.data[0];
    if (!contact)
      return setProblem(tags.length ? `No contact has the tag "${tags[0]}".` : 'There are no contacts yet.');
    const first: Record<string, string> = {
      wa_id: contact.wa_id,
      profile_name: contact.profile_name ?? '',
      ...Object.fromEntries(Object.entries(contact.attributes).map(([k, v]) => [k, v === null ? '' : String(v)])),
    };
    update({
      audience: { kind: 'contacts', csv: '', fileName: '', columns: Object.keys(first), first, rows: 0, tags },
      sources: {},
    });
  };

  return (
    <fieldset className={`form ${styles.step}`}>
      <legend className="sr-only">Audience</legend>
      <Label htmlFor="w-name">Campaign name</Label>
      <Input id="w-name" value={state.name} onChange={(e) => update({ name: e.target.value })} maxLength={256} />
      <Label htmlFor="w-number">Send from</Label>
      <NativeSelect
        id="w-number"
        value={state.phoneNumberId}
        onChange={(e) => update({ phoneNumberId: e.target.value })}
      >
        {numbers.map((n) => (
          <option key={n.id} value={n.id}>
            {n.display_phone_number}
            {n.verified_name ? ` · ${n.verified_name}` : ''}
          </option>
        ))}
      </NativeSelect>
      <div role="radiogroup" aria-label="Audience" className="row">
        {(['csv', 'contacts'] as const).map((kind) => (
          <label key={kind} className={styles.radio}>
            <input
              type="radio"
              name="w-audience"
              checked={a.kind === kind}
              onChange={() => update({ audience: { ...a, kind, columns: [], first: {}, rows: 0 }, sources: {} })}
            />
            {kind === 'csv' ? 'Upload a CSV' : 'Contacts with tags'}
          </label>
        ))}
      </div>
      {a.kind === 'csv' ? (
        <>
          <Label htmlFor="w-csv">
            CSV file: a header row with a phone column, the other columns fill the variables
          </Label>
          <Input id="w-csv" type="file" accept=".csv,text/csv" onChange={(e) => upload(e.target.files?.[0])} />
          {a.rows > 0 && (
            <p className="muted" data-testid="csv-summary">
              {a.fileName}: {a.rows.toLocaleString('en')} rows, columns {a.columns.join(', ')}. Every row is checked
              before launch.
            </p>
          )}
        </>
      ) : (
        <>
          <Label htmlFor="w-tags">Tags (comma-separated; every contact has all of them; empty: every contact)</Label>
          <div className="row">
            <Input id="w-tags" value={tagsText} onChange={(e) => setTagsText(e.target.value)} />
            <Button type="button" variant="secondary" onClick={findContacts}>
              Use these contacts
            </Button>
          </div>
          {a.columns.length > 0 && (
            <p className="muted" data-testid="contacts-summary">
              Variables come from each contact: {a.columns.join(', ')}.
            </p>
          )}
        </>
      )}
      {busy && (
        <p role="status" className="muted">
          {busy}
        </p>
      )}
      {problem && <Alert testId="audience-error">{problem}</Alert>}
    </fieldset>
  );
}
