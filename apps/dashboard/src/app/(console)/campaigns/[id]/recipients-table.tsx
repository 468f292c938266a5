import Link from 'next/link';
import { Button } from '../../../../components/ui/button';
import { Input, NativeSelect } from '../../../../components/ui/input';
import { Badge, Card, EmptyState, TableWrap } from '../../../../components/ui/misc';
import { serverApi } from '../../../../lib/api/server';

const STATES = ['pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'skipped'] as const;
type State = (typeof STATES)[number];
const TONE: Record<State, 'ok' | 'warn' | 'fail' | 'neutral'> = {
  pending: 'neutral',
  queued: 'neutral',
  sent: 'neutral',
  delivered: 'ok',
  read: 'ok',
  failed: 'fail',
  skipped: 'warn',
};

export interface RecipientSearch {
  state?: string;
  code?: string;
  q?: string;
  after?: string;
  before?: string;
}

/**
 * The per-recipient table, paged and filtered by the API: the filters are a plain GET form, so a filtered page is a
 * link that can be shared, and the page's one-second refresh keeps it current.
 */
export async function RecipientsTable({
  businessId,
  campaignId,
  search,
}: {
  businessId: string;
  campaignId: string;
  search: RecipientSearch;
}) {
  const state = STATES.find((s) => s === search.state);
  const code = search.code && /^[a-z0-9_]{1,40}$/.test(search.code) ? search.code : undefined;
  const q = search.q?.slice(0, 40) || undefined;
  const { data, error } = await (await serverApi()).GET(
    '/console/v1/businesses/{businessId}/campaigns/{campaignId}/recipients',
    {
      params: {
        path: { businessId, campaignId },
        query: { limit: 25, state, code, q, after: search.after, before: search.before },
      },
    },
  );
  const filters = new URLSearchParams(
    Object.entries({ state, code, q }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const pageLink = (which: 'after' | 'before', cursor: string) => {
    const next = new URLSearchParams(filters);
    next.set(which, cursor);
    return `?${next}`;
  };
  return (
    <Card aria-labelledby="recipients-title">
      <h2 id="recipients-title">Recipients</h2>
      <form method="get" className="row filters" aria-label="Filter recipients">
        <div className="field">
          <label className="label" htmlFor="filter-state">
            State
          </label>
          <NativeSelect id="filter-state" name="state" defaultValue={state ?? ''}>
            <option value="">any</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="field">
          <label className="label" htmlFor="filter-code">
            Code or reason
          </label>
          <Input id="filter-code" name="code" defaultValue={code ?? ''} placeholder="131026" size={12} />
        </div>
        <div className="field">
          <label className="label" htmlFor="filter-number">
            Number
          </label>
          <Input id="filter-number" name="q" type="search" defaultValue={q ?? ''} placeholder="digits" size={14} />
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {filters.size > 0 && (
          <Button asChild variant="ghost">
            <Link href="?">Clear</Link>
          </Button>
        )}
        <Button asChild variant="ghost">
          {/* A download through the console's proxy (the session cookie goes along), filtered as the table is. */}
          <a
            href={`/console/v1/businesses/${businessId}/campaigns/${campaignId}/recipients.csv${filters.size ? `?${filters}` : ''}`}
            download
            data-testid="recipients-export"
          >
            Export CSV
          </a>
        </Button>
      </form>
      {!data ? (
        <EmptyState title="These filters cannot be applied">{error?.error.message ?? 'Try other values.'}</EmptyState>
      ) : data.data.length === 0 ? (
        <EmptyState title="No recipient matches">Change or clear the filters to see more.</EmptyState>
      ) : (
        <TableWrap label="Recipients">
          <table className="table" data-testid="recipients">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Number</th>
                <th scope="col">State</th>
                <th scope="col">Code or reason</th>
                <th scope="col">Sent at</th>
              </tr>
            </thead>
            <tbody>
              {data.data.map((r) => (
                <tr key={r.row} data-testid={`recipient-${r.row}`}>
                  <th scope="row">{r.row}</th>
                  <td>{r.wa_id ? `+${r.wa_id}` : r.input}</td>
                  <td>
                    <Badge tone={TONE[r.state]}>{r.state}</Badge>
                  </td>
                  <td>{r.error_code ?? r.reason?.replaceAll('_', ' ') ?? ''}</td>
                  <td>{r.dispatched_at ? `${new Date(r.dispatched_at).toISOString().slice(0, 19)}Z` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {data && (data.paging.previous || data.paging.next) && (
        <nav className="row" aria-label="Recipient pages">
          {data.paging.previous && (
            <Button asChild variant="secondary" size="sm">
              <Link href={pageLink('before', data.paging.cursors.before)}>Previous</Link>
            </Button>
          )}
          {data.paging.next && (
            <Button asChild variant="secondary" size="sm">
              <Link href={pageLink('after', data.paging.cursors.after)}>Next</Link>
            </Button>
          )}
        </nav>
      )}
    </Card>
  );
}
