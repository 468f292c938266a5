'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { NativeSelect } from '../../../components/ui/input';
import { Alert, TableWrap } from '../../../components/ui/misc';
import { browserApi, type ConsoleRole, explain, type Schemas } from '../../../lib/api/client';

type Member = {
  id: string;
  role: ConsoleRole;
  user: Schemas['ConsoleUser'];
  two_factor_enabled: boolean;
};

const ROLES: ConsoleRole[] = ['owner', 'admin', 'agent', 'viewer'];

/**
 * Members and pending invitations. Owners and admins get the controls (only owners touch owners); the API refuses
 * the same things, so what is hidden here is also refused there.
 */
export function MembersTable({
  businessId,
  members,
  invitations,
  me,
  role,
}: {
  businessId: string;
  members: Member[];
  invitations: Schemas['ConsoleInvitation'][];
  me: string;
  role: ConsoleRole;
}) {
  const router = useRouter();
  const [problem, setProblem] = useState<string>();
  const manages = role === 'owner' || role === 'admin';
  const mayTouch = (m: Member) => manages && (role === 'owner' || m.role !== 'owner');

  const done = (error: unknown) => {
    setProblem(error ? explain(error) : undefined);
    router.refresh();
  };
  const changeRole = async (memberId: string, next: ConsoleRole) => {
    const { error } = await browserApi.PATCH('/console/v1/businesses/{businessId}/members/{memberId}', {
      params: { path: { businessId, memberId } },
      body: { role: next },
    });
    done(error);
  };
  const remove = async (memberId: string) => {
    const { error } = await browserApi.DELETE('/console/v1/businesses/{businessId}/members/{memberId}', {
      params: { path: { businessId, memberId } },
    });
    done(error);
  };
  const cancel = async (invitationId: string) => {
    const { error } = await browserApi.DELETE('/console/v1/businesses/{businessId}/invitations/{invitationId}', {
      params: { path: { businessId, invitationId } },
    });
    done(error);
  };

  return (
    <>
      {problem && <Alert testId="members-error">{problem}</Alert>}
      <TableWrap label="Members">
        <table className="table" data-testid="members">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              {manages && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-testid={`member-${m.user.email}`}>
                <th scope="row">
                  {m.user.name}
                  {m.user.id === me && <span className="muted"> (you)</span>}
                </th>
                <td>{m.user.email}</td>
                <td>
                  {mayTouch(m) ? (
                    <NativeSelect
                      aria-label={`Role of ${m.user.email}`}
                      value={m.role}
                      onChange={(e) => void changeRole(m.id, e.target.value as ConsoleRole)}
                    >
                      {ROLES.filter((r) => role === 'owner' || r !== 'owner').map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </NativeSelect>
                  ) : (
                    m.role
                  )}
                </td>
                {manages && (
                  <td>
                    {mayTouch(m) && m.user.id !== me && (
                      <Dialog>
                        <DialogTrigger asChild>
                          <Button variant="danger" size="sm" aria-label={`Remove ${m.user.email}`}>
                            Remove
                          </Button>
                        </DialogTrigger>
                        <DialogContent
                          title={`Remove ${m.user.name}?`}
                          description={`${m.user.email} loses access to this business at once.`}
                        >
                          <div className="row">
                            <DialogClose asChild>
                              <Button variant="secondary">Keep</Button>
                            </DialogClose>
                            <DialogClose asChild>
                              <Button variant="danger" data-testid="remove-confirm" onClick={() => void remove(m.id)}>
                                Remove
                              </Button>
                            </DialogClose>
                          </div>
                        </DialogContent>
                      </Dialog>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {invitations.map((i) => (
              <tr key={i.id} className="pending">
                <th scope="row" className="muted">
                  Invited
                </th>
                <td>{i.email}</td>
                <td>{i.role}</td>
                {manages && (
                  <td>
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => void cancel(i.id)}
                      aria-label={`Cancel invitation of ${i.email}`}
                    >
                      Cancel invitation
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
