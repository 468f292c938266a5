import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ConsoleShell } from '../../../../components/console/shell';
import { serverApi } from '../../../../lib/api/server';
import { requireConsole } from '../../../../lib/api/session';
import { TemplateEditor } from './template-editor';

export const metadata: Metadata = { title: 'New template' };

export default async function NewTemplatePage() {
  const ctx = await requireConsole('/templates/new');
  if (ctx.role !== 'owner' && ctx.role !== 'admin') redirect('/templates');
  const { data } = await (await serverApi()).GET('/console/v1/businesses/{businessId}/overview', {
    params: { path: { businessId: ctx.business.id } },
  });
  return (
    <ConsoleShell ctx={ctx} page="templates" title="New template">
      <TemplateEditor businessId={ctx.business.id} phoneNumberId={data?.numbers[0]?.id} />
    </ConsoleShell>
  );
}
