import type { Metadata } from 'next';
import Link from 'next/link';
import type { ConsolePage } from '../../../components/console/nav';
import { ConsoleShell } from '../../../components/console/shell';
import { Button } from '../../../components/ui/button';
import { Input, NativeSelect } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { Badge, EmptyState, TableWrap } from '../../../components/ui/misc';
import { serverApi } from '../../../lib/api/server';
import { requireConsole } from '../../../lib/api/session';

export const metadata: Metadata = { title: 'Contacts' };

// Not in the navigation yet: CSV import and the opt history are still to come, so no entry is marked current here.
const PAGE = 'contacts' as ConsolePage;
const OPT_TONE = { OPTED_IN: 'ok', OPTED_OUT: 'fail', UNKNOWN: 'neutral' } as const;
type Search = Record<string, string | undefined>;

/** The contact book: searched, filtered and paged by number by the API (cursor links keep the filters). */
export default async function ContactsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireConsole('/contacts');
  const q = await searchParams;
  const filters = {
    search: q.search || undefined,
    tag: q.tag || undefined,
    opt_status: (q.opt_status || undefined) as keyof typeof OPT_TONE | undefined,
  };
  const { data } = await (await serverApi()).GET('/console/v1/businesses/{businessId}/contacts', {
    params: {
      path: { businessId: ctx.business.id },
      query: { limit: 50, ...filters, after: q.after, before: q.before },
    },
  });
  if (!data) throw new Error('the contacts could not be read');
  const kept = Object.entries(filters).filter(([, v]) => v) as [string, string][];
  const page = (cursor: 'after' | 'before', value: string) =>
    `/contacts?${new URLSearchParams([...kept, [cursor, value]])}`;
  const now = Date.now();
  return (
    <ConsoleShell ctx={ctx} page={PAGE} title="Contacts">
      <form className="row" method="get" aria-label="Search contacts">
        <div>
          <Label htmlFor="c-search">Number or name</Label>
          <Input id="c-search" name="search" defaultValue={filters.search} />
        </div>
        <div>
          <Label htmlFor="c-tag">Tag</Label>
          <Input id="c-tag" name="tag" defaultValue={filters.tag} />
        </div>
        <div>
          <Label htmlFor="c-opt">Opt status</Label>
          <NativeSelect id="c-opt" name="opt_status" defaultValue={filters.opt_status ?? ''}>
            <option value="">Any</option>
            <option value="OPTED_IN">opted in</option>
            <option value="OPTED_OUT">opted out</option>
            <option value="UNKNOWN">unknown</option>
          </NativeSelect>
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {data.data.length === 0 ? (
        <EmptyState title={kept.length ? 'No contact matches' : 'No contacts yet'}>
          {kept.length
            ? 'Try part of the number, or clear the filters.'
            : 'Contacts appear when customers message your numbers, or add them with POST /{waba_id}/contacts.'}
        </EmptyState>
      ) : (
        <TableWrap label="Contacts">
          <table className="table" data-testid="contacts">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Opt status</th>
                <th scope="col">Window</th>
                <th scope="col">Tags</th>
                <th scope="col">Attributes</th>
              </tr>
            </thead>
            <tbody>
              {data.data.map((c) => {
                const open = c.window_expires_time !== null && Date.parse(c.window_expires_time) > now;
                return (
                  <tr key={c.wa_id} data-testid={`contact-${c.wa_id}`}>
                    <th scope="row">
                      +{c.wa_id}
                      {c.profile_name && <div className="muted small">{c.profile_name}</div>}
                    </th>
                    <td>
                      <Badge tone={OPT_TONE[c.opt_status]}>{c.opt_status.toLowerCase().replace('_', ' ')}</Badge>
                      {c.opt_source && <div className="muted small">{c.opt_source}</div>}
                    </td>
                    <td>
                      {open ? (
                        <Badge tone="ok">open until {c.window_expires_time}</Badge>
                      ) : (
                        <Badge tone="neutral">closed</Badge>
                      )}
                    </td>
                    <td>{c.tags.join(', ') || '—'}</td>
                    <td className="small">
                      {Object.entries(c.attributes)
                        .map(([k, v]) => `${k}: ${String(v)}`)
                        .join(', ') || '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav className="row" aria-label="Pages">
        {data.paging.previous && <Link href={page('before', data.paging.cursors.before)}>Previous</Link>}
        {data.paging.next && <Link href={page('after', data.paging.cursors.after)}>Next</Link>}
      </nav>
    </ConsoleShell>
  );
}
