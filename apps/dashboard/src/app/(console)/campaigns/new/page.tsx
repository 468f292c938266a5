import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ConsoleShell } from '../../../../components/console/shell';
import { serverApi } from '../../../../lib/api/server';
import { requireConsole } from '../../../../lib/api/session';
import { CampaignWizard } from './wizard';

export const metadata: Metadata = { title: 'New campaign' };

/** The create wizard, for owners and admins (the API refuses the others' checks and launches too). */
export default async function NewCampaignPage() {
  const ctx = await requireConsole('/campaigns/new');
  if (ctx.role !== 'owner' && ctx.role !== 'admin') redirect('/campaigns');
  const api = await serverApi();
  const path = { businessId: ctx.business.id };
  const [overview, templates] = await Promise.all([
    api.GET('/console/v1/businesses/{businessId}/overview', { params: { path } }),
    api.GET('/console/v1/businesses/{businessId}/message_templates', {
      params: { path, query: { status: 'APPROVED', limit: 100 } },
    }),
  ]);
  if (!overview.data || !templates.data) throw new Error('the numbers and templates could not be read');
  return (
    <ConsoleShell ctx={ctx} page="campaigns" title="New campaign">
      <CampaignWizard
        businessId={ctx.business.id}
        timeZone={overview.data.business.time_zone}
        numbers={overview.data.numbers}
        templates={templates.data.data}
      />
    </ConsoleShell>
  );
}
