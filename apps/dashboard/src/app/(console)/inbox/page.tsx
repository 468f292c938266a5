import type { Metadata } from 'next';
import { ConsoleShell } from '../../../components/console/shell';
import { Inbox } from '../../../components/inbox/inbox';
import { serverApi } from '../../../lib/api/server';
import { requireConsole } from '../../../lib/api/session';

export const metadata: Metadata = { title: 'Inbox' };

/**
 * The shared inbox (docs/inbox.md): the page reads who can be assigned, the approved templates and the canned
 * responses; the conversations themselves are read and followed live in the browser.
 */
export default async function InboxPage() {
  const ctx = await requireConsole('/inbox');
  const api = await serverApi();
  const path = { businessId: ctx.business.id };
  const [members, templates, canned] = await Promise.all([
    api.GET('/console/v1/businesses/{businessId}/members', { params: { path } }),
    api.GET('/console/v1/businesses/{businessId}/message_templates', {
      params: { path, query: { status: 'APPROVED', limit: 100 } },
    }),
    api.GET('/console/v1/businesses/{businessId}/canned_responses', { params: { path, query: { limit: 100 } } }),
  ]);
  const agents = (members.data?.members ?? [])
    .filter((m) => m.role !== 'viewer')
    .map((m) => ({ id: m.user.id, name: m.user.name || m.user.email }));
  return (
    <ConsoleShell ctx={ctx} page="inbox" title="Inbox">
      <Inbox
        businessId={ctx.business.id}
        me={ctx.user.id}
        canAnswer={ctx.role !== 'viewer'}
        agents={agents}
        templates={templates.data?.data ?? []}
        canned={canned.data?.data ?? []}
      />
    </ConsoleShell>
  );
}
