import type { Metadata } from 'next';
import Link from 'next/link';
import { AutoRefresh } from '../../../components/console/auto-refresh';
import { ConsoleShell } from '../../../components/console/shell';
import { Button } from '../../../components/ui/button';
import { Badge, EmptyState, Progress, TableWrap } from '../../../components/ui/misc';
import { serverApi } from '../../../lib/api/server';
import { requireConsole } from '../../../lib/api/session';
import { isLive, STATUS_TONE, settled } from './campaign-status';

export const metadata: Metadata = { title: 'Campaigns' };

export default async function CampaignsPage() {
  const ctx = await requireConsole('/campaigns');
  const { data } = await (await serverApi()).GET('/console/v1/businesses/{businessId}/campaigns', {
    params: { path: { businessId: ctx.business.id }, query: { limit: 25 } },
  });
  if (!data) throw new Error('the campaigns could not be read');
  const live = data.data.some(isLive);
  const launch = ctx.role === 'owner' || ctx.role === 'admin';
  return (
    <ConsoleShell
      ctx={ctx}
      page="campaigns"
      title="Campaigns"
      actions={
        launch && (
          <Button asChild>
            <Link href="/campaigns/new">New campaign</Link>
          </Button>
        )
      }
    >
      {live && <AutoRefresh seconds={1} />}
      {data.data.length === 0 ? (
        <EmptyState title="No campaigns yet">
          {launch ? 'Start one with "New campaign": ' : 'An owner or admin starts one: '}
          an approved template, and an audience from a CSV or from contacts with tags. Campaigns made through the API (
          <code>POST /{ctx.business.id}/campaigns</code>) show up here too, with their progress.
        </EmptyState>
      ) : (
        <TableWrap label="Campaigns">
          <table className="table" data-testid="campaigns">
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Delivered</th>
                <th scope="col">Read</th>
                <th scope="col">Failed</th>
              </tr>
            </thead>
            <tbody>
              {data.data.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link href={`/campaigns/${c.id}`}>{c.name}</Link>
                    <div className="muted small">{c.template.name}</div>
                  </th>
                  <td>
                    <Badge tone={STATUS_TONE[c.status]}>{c.status.toLowerCase()}</Badge>
                  </td>
                  <td className="progress-cell">
                    <Progress value={settled(c.progress)} max={c.recipients} label={`${c.name} progress`} />
                    <span className="muted small">
                      {settled(c.progress).toLocaleString('en')} / {c.recipients.toLocaleString('en')}
                    </span>
                  </td>
                  <td>{(c.progress.delivered + c.progress.read).toLocaleString('en')}</td>
                  <td>{c.progress.read.toLocaleString('en')}</td>
                  <td>{c.progress.failed.total.toLocaleString('en')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </ConsoleShell>
  );
}
