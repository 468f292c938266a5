import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ConsoleShell } from '../../../../components/console/shell';
import { serverApi } from '../../../../lib/api/server';
import { requireConsole } from '../../../../lib/api/session';
import { canEditFlows } from '../../../../lib/flows/flow-settings';
import { FlowBuilder } from './flow-builder';

export const metadata: Metadata = { title: 'Flow builder' };

/** One flow in the builder: its draft on the canvas, its versions and its analytics. */
export default async function FlowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireConsole(`/flows/${id}`);
  const api = await serverApi();
  const path = { businessId: ctx.business.id, flowId: id };
  const [flow, versions, overview] = await Promise.all([
    api.GET('/console/v1/businesses/{businessId}/flows/{flowId}', { params: { path } }),
    api.GET('/console/v1/businesses/{businessId}/flows/{flowId}/versions', { params: { path } }),
    api.GET('/console/v1/businesses/{businessId}/overview', { params: { path: { businessId: ctx.business.id } } }),
  ]);
  if (flow.response.status === 404 || flow.response.status === 400) notFound();
  if (!flow.data || !versions.data || !overview.data) throw new Error('the flow could not be read');
  return (
    <ConsoleShell ctx={ctx} page="flows" title={flow.data.name}>
      <FlowBuilder
        businessId={ctx.business.id}
        flow={flow.data}
        numbers={overview.data.numbers}
        versions={versions.data.data}
        readOnly={!canEditFlows(ctx.role)}
      />
    </ConsoleShell>
  );
}
