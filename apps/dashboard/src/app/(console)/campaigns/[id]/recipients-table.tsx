import Link from 'next/link';
import { Button } from '../../../../components/ui/button';
import { Input, NativeSelect } from '../../../../components/ui/input';
import { Card, EmptyState } from '../../../../components/ui/misc';
import { serverApi } from '../../../../lib/api/server';
import { orderOf, serverPaging } from '../../../../lib/server-paging';
import { RecipientsGrid } from './recipients-grid';

const STATES = ['pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'skipped'] as const;

export interface RecipientSearch {
  state?: string;
  code?: string;
  q?: string;
  order?: string;
  after?: string;
  before?: string;
}

/**
 * The per-recipient table, paged, sorted and filtered by the API: the filters are a plain GET form, so a filtered page
 * is a link that can be shared, and the page's one-second refresh keeps it current.
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
  const order = orderOf(search.order);
  const { data, error } = await (await serverApi()).GET(
    '/console/v1/businesses/{businessId}/campaigns/{campaignId}/recipients',
    {
      params: {
        path: { businessId, campaignId },
        query: { limit: 25, state, code, q, order, after: search.after, before: search.before },
      },
    },
  );
  const filters = new URLSearchParams(
    Object.entries({ state, code, q }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  return (
    <Card aria-labelledby="recipients-title">
      <h2 id="recipients-title">Recipients</h2>
      <form method="get" className="row filters" aria-label="Filter recipients">
        {order === 'desc' && <input type="hidden" name="order" value="desc" />}
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
        <RecipientsGrid
          rows={data.data}
          paging={serverPaging(`/campaigns/${campaignId}`, { state, code, q }, { column: 'row', order }, data)}
        />
      )}
    </Card>
  );
}
