'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Input, NativeSelect } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { Alert } from '../../../components/ui/misc';
import { browserApi, type ConsoleRole, explain } from '../../../lib/api/client';

/** Invite by link: the API answers the link, shown here to copy and pass on (no email is sent). */
export function InviteDialog({ businessId, canInviteOwners }: { businessId: string; canInviteOwners: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const roles: ConsoleRole[] = canInviteOwners ? ['viewer', 'agent', 'admin', 'owner'] : ['viewer', 'agent', 'admin'];

  const invite = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const { data, error } = await browserApi.POST('/console/v1/businesses/{businessId}/invitations', {
      params: { path: { businessId } },
      body: { email: String(form.get('email')), role: String(form.get('role')) as ConsoleRole },
    });
    if (!data) return setProblem(explain(error));
    setProblem(undefined);
    setLink(data.link);
    router.refresh();
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setLink(undefined);
      }}
    >
      <DialogTrigger asChild>
        <Button data-testid="invite-open">Invite</Button>
      </DialogTrigger>
      <DialogContent title="Invite a member" description="They open the link to set a password and join.">
        {link ? (
          <div className="form">
            <Label htmlFor="invite-link">Invitation link (valid 7 days)</Label>
            <Input
              id="invite-link"
              readOnly
              value={link}
              data-testid="invite-link"
              onFocus={(e) => e.target.select()}
            />
            <div className="row">
              <Button type="button" variant="secondary" onClick={() => void navigator.clipboard?.writeText(link)}>
                Copy
              </Button>
              <DialogClose asChild>
                <Button type="button">Done</Button>
              </DialogClose>
            </div>
          </div>
        ) : (
          <form onSubmit={invite} className="form">
            <Label htmlFor="invite-email">Email</Label>
            <Input id="invite-email" name="email" type="email" required />
            <Label htmlFor="invite-role">Role</Label>
            <NativeSelect id="invite-role" name="role" defaultValue="viewer">
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </NativeSelect>
            {problem && <Alert>{problem}</Alert>}
            <div className="row">
              <DialogClose asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </DialogClose>
              <Button type="submit" data-testid="invite-submit">
                Create link
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
