import type { Metadata } from 'next';
import Link from 'next/link';
import { ConsoleShell } from '../../../components/console/shell';
import { Badge, EmptyState, TableWrap } from '../../../components/ui/misc';
import { serverApi } from '../../../lib/api/server';
import { requireConsole } from '../../../lib/api/session';
import { canEditFlows, describeTrigger } from '../../../lib/flows/flow-settings';
import { NewFlowDialog } from './new-flow-dialog';

export const metadata: Metadata = { title: 'Flows' };

type Search = Record<string, string | undefined>;

/** Chatbot flows: which are live (and on which version), which are drafts only, and how many runs each has. */
export default async function FlowsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireConsole('/flows');
  const q = await searchParams;
  const api = await serverApi();
  const [{ data }, { data: overview }] = await Promise.all([
    api.GET('/console/v1/businesses/{businessId}/flows', {
      params: { path: { businessId: ctx.business.id }, query: { limit: 25, after: q.after, before: q.before } },
    }),
    api.GET('/console/v1/businesses/{businessId}/overview', { params: { path: { businessId: ctx.business.id } } }),
  ]);
  if (!data || !overview) throw new Error('the flows could not be read');
  const numbers = new Map(overview.numbers.map((n) => [n.id, n.display_phone_number]));
  const edit = canEditFlows(ctx.role);
  return (
    <ConsoleShell
      ctx={ctx}
      page="flows"
      title="Flows"
      actions={edit && <NewFlowDialog businessId={ctx.business.id} numbers={overview.numbers} />}
    >
      {data.data.length === 0 ? (
        <EmptyState title="No flows yet">
          {edit
            ? 'Create one with “New flow”: draw its steps, try it, then publish it to answer your customers.'
            : 'Owners and admins build flows; once published they answer customers on the numbers they listen on.'}
        </EmptyState>
      ) : (
        <TableWrap label="Flows">
          <table className="table" data-testid="flows">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Numbers</th>
                <th scope="col">Triggers</th>
                <th scope="col">Runs (active / all)</th>
                <th scope="col">Edited</th>
              </tr>
            </thead>
            <tbody>
              {data.data.map((f) => (
                <tr key={f.id} data-testid={`flow-${f.name}`}>
                  <th scope="row">
                    <Link href={`/flows/${f.id}`}>{f.name}</Link>
                  </th>
                  <td>
                    {f.live_version === null ? <Badge>draft</Badge> : <Badge tone="ok">live · v{f.live_version}</Badge>}
                  </td>
                  <td>{f.phone_number_ids.map((id) => numbers.get(id) ?? id).join(', ')}</td>
                  <td>{f.triggers.length ? f.triggers.map(describeTrigger).join('; ') : '—'}</td>
                  <td>
                    {f.runs.active} / {f.runs.total}
                  </td>
                  <td>{new Date(f.updated_time).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav className="row" aria-label="Pages">
        {data.paging.previous && <Link href={`/flows?before=${data.paging.cursors.before}`}>Newer</Link>}
        {data.paging.next && <Link href={`/flows?after=${data.paging.cursors.after}`}>Older</Link>}
      </nav>
    </ConsoleShell>
  );
}
