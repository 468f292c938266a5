import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { ConsoleShell } from '../../../../../components/console/shell';
import { EmptyState } from '../../../../../components/ui/misc';
import { serverApi } from '../../../../../lib/api/server';
import { requireConsole } from '../../../../../lib/api/session';
import { fieldsOf, TemplateEditor } from '../../new/template-editor';

export const metadata: Metadata = { title: 'Edit template' };

/** The editor over a stored template; the API applies Meta's edit limits and sends it back to review. */
export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireConsole(`/templates/${id}/edit`);
  if (ctx.role !== 'owner' && ctx.role !== 'admin') redirect('/templates');
  const api = await serverApi();
  const path = { businessId: ctx.business.id };
  const [{ data: t, response }, overview] = await Promise.all([
    api.GET('/console/v1/businesses/{businessId}/message_templates/{templateId}', {
      params: { path: { ...path, templateId: id } },
    }),
    api.GET('/console/v1/businesses/{businessId}/overview', { params: { path } }),
  ]);
  if (response.status === 404 || response.status === 400) notFound();
  if (!t) throw new Error('the template could not be read');
  return (
    <ConsoleShell ctx={ctx} page="templates" title={`Edit ${t.name} (${t.language})`}>
      {fieldsOf(t) ? (
        <TemplateEditor businessId={ctx.business.id} phoneNumberId={overview.data?.numbers[0]?.id} editing={t} />
      ) : (
        <EmptyState title="This template has parts the editor does not change">
          A location header, or buttons other than quick replies: edit it through the API (
          <code>POST /{'{template_id}'}</code>), which takes every component.
        </EmptyState>
      )}
    </ConsoleShell>
  );
}
