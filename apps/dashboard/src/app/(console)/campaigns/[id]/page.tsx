import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '../../../../components/console/auto-refresh';
import { ConsoleShell } from '../../../../components/console/shell';
import { Badge, Card, Progress } from '../../../../components/ui/misc';
import { serverApi } from '../../../../lib/api/server';
import { requireConsole } from '../../../../lib/api/session';
import { canRunCampaigns, isLive, isSettling, STATUS_TONE, settled } from '../campaign-status';
import { CampaignActions } from './campaign-actions';
import { Outcomes } from './outcomes';
import { type RecipientSearch, RecipientsTable } from './recipients-table';

export const metadata: Metadata = { title: 'Campaign' };

const n = (v: number) => v.toLocaleString('en');

/** One campaign: live progress, what failed and why, each recipient, and what an owner or admin can do about it. */
export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<RecipientSearch>;
}) {
  const { id } = await params;
  const search = await searchParams;
  const ctx = await requireConsole(`/campaigns/${id}`);
  const api = await serverApi();
  const path = { businessId: ctx.business.id, campaignId: id };
  const { data: c, response } = await api.GET('/console/v1/businesses/{businessId}/campaigns/{campaignId}', {
    params: { path },
  });
  if (response.status === 404 || response.status === 400) notFound();
  if (!c) throw new Error('the campaign could not be read');
  const p = c.progress;
  return (
    <ConsoleShell
      ctx={ctx}
      page="campaigns"
      title={c.name}
      actions={
        canRunCampaigns(ctx.role) && (
          <CampaignActions businessId={ctx.business.id} campaignId={c.id} status={c.status} failed={p.failed.total} />
        )
      }
    >
      {isLive(c) && <AutoRefresh seconds={1} />}
      {isSettling(c) && <AutoRefresh seconds={5} />}
      <Card aria-labelledby="progress-title">
        <h2 id="progress-title">
          Progress <Badge tone={STATUS_TONE[c.status]}>{c.status.toLowerCase()}</Badge>
        </h2>
        <Progress value={settled(p)} max={c.recipients} label="Campaign progress" />
        <p className="muted small" data-testid="settled">
          {n(settled(p))} of {n(c.recipients)} recipients settled · template {c.template.name} (
          {c.template.language.code}){c.pause_reason && ` · paused: ${c.pause_reason.replaceAll('_', ' ')}`}
          {c.wait_reason && ` · waiting: ${c.wait_reason.replaceAll('_', ' ')}`}
        </p>
        <dl className="summary stats" data-testid="progress">
          <dt>Pending</dt>
          <dd>{n(p.pending)}</dd>
          <dt>Queued</dt>
          <dd>{n(p.queued)}</dd>
          <dt>Sent</dt>
          <dd>{n(p.sent)}</dd>
          <dt>Delivered</dt>
          <dd data-testid="delivered">{n(p.delivered)}</dd>
          <dt>Read</dt>
          <dd data-testid="read">{n(p.read)}</dd>
          <dt>Failed</dt>
          <dd data-testid="failed">{n(p.failed.total)}</dd>
          <dt>Skipped</dt>
          <dd>{n(p.skipped.total)}</dd>
        </dl>
      </Card>
      <Outcomes progress={p} />
      <RecipientsTable businessId={ctx.business.id} campaignId={c.id} search={search} />
    </ConsoleShell>
  );
}
