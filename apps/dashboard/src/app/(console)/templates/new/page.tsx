import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ConsoleShell } from '../../../../components/console/shell';
import { requireConsole } from '../../../../lib/api/session';
import { TemplateEditor } from './template-editor';

export const metadata: Metadata = { title: 'New template' };

export default async function NewTemplatePage() {
  const ctx = await requireConsole('/templates/new');
  if (ctx.role !== 'owner' && ctx.role !== 'admin') redirect('/templates');
  return (
    <ConsoleShell ctx={ctx} page="templates" title="New template">
      <TemplateEditor businessId={ctx.business.id} />
    </ConsoleShell>
  );
}
