import type { Metadata } from 'next';
import { ConsoleShell } from '../../../components/console/shell';
import { Card } from '../../../components/ui/misc';
import { serverApi } from '../../../lib/api/server';
import { canManageMembers, requireConsole } from '../../../lib/api/session';
import { InviteDialog } from './invite-dialog';
import { MembersTable } from './members-table';
import { SessionsList } from './sessions-list';
import { TwoFactorCard } from './two-factor-card';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage() {
  const ctx = await requireConsole('/members');
  const api = await serverApi();
  const [members, sessions] = await Promise.all([
    api.GET('/console/v1/businesses/{businessId}/members', { params: { path: { businessId: ctx.business.id } } }),
    api.GET('/console/v1/sessions'),
  ]);
  if (!members.data || !sessions.data) throw new Error('the members could not be read');
  const manage = canManageMembers(ctx.role);
  return (
    <ConsoleShell
      ctx={ctx}
      page="members"
      title="Members"
      actions={manage && <InviteDialog businessId={ctx.business.id} canInviteOwners={ctx.role === 'owner'} />}
    >
      <Card aria-labelledby="members-title">
        <h2 id="members-title">People in {ctx.business.name}</h2>
        {!manage && (
          <p className="muted" data-testid="read-only">
            Your role ({ctx.role}) can see the members; owners and admins invite, change roles and remove.
          </p>
        )}
        <MembersTable
          businessId={ctx.business.id}
          members={members.data.members}
          invitations={members.data.invitations}
          me={ctx.user.id}
          role={ctx.role}
        />
      </Card>
      <Card aria-labelledby="sessions-title">
        <h2 id="sessions-title">Your sessions</h2>
        <SessionsList sessions={sessions.data.data} />
      </Card>
      <Card aria-labelledby="totp-title">
        <h2 id="totp-title">Two-factor authentication</h2>
        <TwoFactorCard enabled={members.data.members.some((m) => m.user.id === ctx.user.id && m.two_factor_enabled)} />
      </Card>
    </ConsoleShell>
  );
}
