'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { Alert } from '../../../components/ui/misc';
import { browserApi, explain } from '../../../lib/api/client';
import { BUSINESS_COOKIE } from '../../../lib/business-cookie';
import { setPreference } from '../../../lib/cookies';

export function AcceptForm({ id, email, hasAccount }: { id: string; email: string; hasAccount: boolean }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const accept = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    const { data, error } = await browserApi.POST('/console/v1/invitations/{invitationId}/accept', {
      params: { path: { invitationId: id } },
      body: { name: String(form.get('name') ?? email.split('@')[0]), password: String(form.get('password')) },
    });
    setBusy(false);
    if (!data) return setProblem(explain(error));
    setPreference(BUSINESS_COOKIE, data.business.id);
    router.push('/overview');
    router.refresh();
  };

  return (
    <form onSubmit={accept} className="form" aria-label="Join">
      <input type="email" name="email" value={email} autoComplete="username" readOnly hidden />
      {!hasAccount && (
        <>
          <Label htmlFor="name">Your name</Label>
          <Input id="name" name="name" autoComplete="name" required maxLength={100} />
        </>
      )}
      <Label htmlFor="password">{hasAccount ? 'Your password' : 'Choose a password (at least 10 characters)'}</Label>
      <Input
        id="password"
        name="password"
        type="password"
        autoComplete={hasAccount ? 'current-password' : 'new-password'}
        minLength={hasAccount ? undefined : 10}
        required
      />
      {problem && <Alert>{problem}</Alert>}
      <Button type="submit" disabled={busy} data-testid="accept-submit">
        {busy ? 'Joining…' : 'Join'}
      </Button>
    </form>
  );
}
