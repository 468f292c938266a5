'use client';
import { useRouter } from 'next/navigation';
import Papa from 'papaparse';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Input, NativeSelect } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { Alert, TableWrap } from '../../../components/ui/misc';
import { browserApi, explain } from '../../../lib/api/client';
import type { paths } from '../../../lib/api/schema';

type Report =
  paths['/console/v1/businesses/{businessId}/contacts/import']['post']['responses']['200']['content']['application/json'];
const REASONS = {
  invalid_number: 'Not a valid phone number',
  duplicate: 'Already earlier in the file',
  invalid_tag: 'A tag longer than 64 characters',
} as const;
const PHONE = /^(phone|phone_number|mobile|wa_id|to|number)$/i;
const NAME = /^(name|profile_name|full name)$/i;
const TAGS = /^(tags?|labels?)$/i;
const NONE = '';

/**
 * Contacts from a CSV: the header is read here (papaparse) so each column can be mapped — the number, a name, tags,
 * the rest as attributes or left out —, then the API imports every row and answers a report row by row.
 */
export function ImportContacts({ businessId }: { businessId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<{ name: string; csv: string; header: string[]; rows: number }>();
  const [map, setMap] = useState({ phone: NONE, name: NONE, tags: NONE, attributes: [] as string[], extra: '' });
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [report, setReport] = useState<Report>();

  const read = async (f: File | undefined) => {
    setProblem(undefined);
    setReport(undefined);
    if (!f) return;
    setBusy(`Reading ${f.name}…`);
    const csv = await f.text().finally(() => setBusy(undefined));
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: 'greedy' });
    const header = (parsed.data[0] ?? []).map((h) => h.trim());
    if (parsed.data.length < 2) return setProblem('The file needs a header row and at least one row.');
    const find = (re: RegExp) => header.find((h) => re.test(h)) ?? NONE;
    const [phone, name, tags] = [find(PHONE), find(NAME), find(TAGS)];
    setFile({ name: f.name, csv, header, rows: parsed.data.length - 1 });
    setMap({ phone, name, tags, attributes: header.filter((h) => ![phone, name, tags].includes(h)), extra: '' });
  };

  const run = async () => {
    if (!file) return setProblem('Choose a CSV file.');
    if (!map.phone) return setProblem('Choose the column that holds the phone numbers.');
    setProblem(undefined);
    setBusy(`Importing ${file.rows.toLocaleString('en')} rows…`);
    const tags = map.extra
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const { data, error } = await browserApi
      .POST('/console/v1/businesses/{businessId}/contacts/import', {
        params: { path: { businessId } },
        body: {
          csv: file.csv,
          columns: {
            phone: map.phone,
            ...(map.name && { profile_name: map.name }),
            ...(map.tags && { tags: map.tags }),
            attributes: map.attributes.filter((a) => a !== map.phone && a !== map.name && a !== map.tags),
          },
          ...(tags.length && { tags }),
        },
      })
      .finally(() => setBusy(undefined));
    if (!data) return setProblem(explain(error));
    setReport(data);
    router.refresh();
  };

  const select = (key: 'phone' | 'name' | 'tags', label: string, optional: boolean) => (
    <>
      <Label htmlFor={`import-${key}`}>{label}</Label>
      <NativeSelect id={`import-${key}`} value={map[key]} onChange={(e) => setMap({ ...map, [key]: e.target.value })}>
        {optional || !map[key] ? <option value={NONE}>{optional ? 'None' : 'Choose a column…'}</option> : null}
        {file?.header.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </NativeSelect>
    </>
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setFile(undefined);
          setReport(undefined);
          setProblem(undefined);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button data-testid="import-open">Import CSV</Button>
      </DialogTrigger>
      <DialogContent
        title="Import contacts"
        description="New numbers become contacts; known ones get the name, tags and attributes given. Opt status is never changed."
      >
        {report ? (
          <div className="form" data-testid="import-report">
            <p>
              {report.rows.toLocaleString('en')} rows: <strong>{report.created.toLocaleString('en')} new</strong>,{' '}
              {report.updated.toLocaleString('en')} updated, {report.invalid.toLocaleString('en')} invalid,{' '}
              {report.duplicates.toLocaleString('en')} duplicates.
            </p>
            {report.samples.length > 0 && (
              <TableWrap label="Rows left out">
                <table className="table" data-testid="import-samples">
                  <thead>
                    <tr>
                      <th scope="col">Row</th>
                      <th scope="col">Number as given</th>
                      <th scope="col">Why</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.samples.map((s) => (
                      <tr key={s.row}>
                        <td>{s.row}</td>
                        <td>{s.input || '(empty)'}</td>
                        <td>{REASONS[s.reason]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
            <DialogClose asChild>
              <Button type="button">Done</Button>
            </DialogClose>
          </div>
        ) : (
          <div className="form">
            <Label htmlFor="import-file">CSV file with a header row</Label>
            <Input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => read(e.target.files?.[0])} />
            {file && (
              <>
                <p className="muted small" data-testid="import-file-summary">
                  {file.name}: {file.rows.toLocaleString('en')} rows
                </p>
                {select('phone', 'Phone number column', false)}
                {select('name', 'Name column', true)}
                {select('tags', 'Tags column (several in a cell separated by ; or |)', true)}
                <fieldset className="form">
                  <legend className="label">Keep as attributes</legend>
                  {file.header
                    .filter((h) => h !== map.phone && h !== map.name && h !== map.tags)
                    .map((h) => (
                      <label key={h} className="row">
                        <input
                          type="checkbox"
                          checked={map.attributes.includes(h)}
                          onChange={(e) =>
                            setMap({
                              ...map,
                              attributes: e.target.checked
                                ? [...map.attributes, h]
                                : map.attributes.filter((a) => a !== h),
                            })
                          }
                        />
                        {h}
                      </label>
                    ))}
                </fieldset>
                <Label htmlFor="import-extra">Tags for every imported contact (comma-separated, optional)</Label>
                <Input
                  id="import-extra"
                  value={map.extra}
                  onChange={(e) => setMap({ ...map, extra: e.target.value })}
                />
              </>
            )}
            {busy && (
              <p role="status" className="muted" data-testid="import-busy">
                {busy}
              </p>
            )}
            {problem && <Alert testId="import-error">{problem}</Alert>}
            <div className="row">
              <DialogClose asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </DialogClose>
              <Button type="button" onClick={run} disabled={Boolean(busy) || !file} data-testid="import-submit">
                Import
              </Button>
            </div>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
