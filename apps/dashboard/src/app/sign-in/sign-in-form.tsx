'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { Alert } from '../../components/ui/misc';
import { browserApi, explain } from '../../lib/api/client';

/** What a refused sign-in means for the person at the keyboard. */
function signInProblem(status: number, error: unknown): string {
  if (status === 401) return 'Email or password is wrong. Check both and try again.';
  if (status === 429) return `${explain(error)}. Wait, then try again.`;
  return explain(error);
}

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string>();
  const [needsCode, setNeedsCode] = useState(false);
  const [busy, setBusy] = useState(false);

  const done = () => {
    router.push(next);
    router.refresh();
  };

  const signIn = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setProblem(undefined);
    const { data, error, response } = await browserApi.POST('/console/v1/auth/sign-in/email', {
      body: { email: String(form.get('email')), password: String(form.get('password')) },
    });
    setBusy(false);
    if (!data) return setProblem(signInProblem(response.status, error));
    if (data.two_factor_required) return setNeedsCode(true);
    done();
  };

  const verify = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get('code')).replace(/\s/g, '');
    setBusy(true);
    setProblem(undefined);
    const { data, error, response } = await browserApi.POST('/console/v1/auth/two-factor/verify-totp', {
      body: { code },
    });
    setBusy(false);
    if (!data) {
      return setProblem(
        response.status === 401 ? 'That code is wrong or expired: use the current one.' : explain(error),
      );
    }
    done();
  };

  if (needsCode) {
    return (
      <form onSubmit={verify} className="form" aria-label="Second factor">
        <p>Enter the 6-digit code from your authenticator app.</p>
        <Label htmlFor="code">Code</Label>
        <Input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" required />
        {problem && <Alert testId="sign-in-error">{problem}</Alert>}
        <Button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Verify'}
        </Button>
      </form>
    );
  }
  return (
    <form onSubmit={signIn} className="form" aria-label="Sign in">
      <Label htmlFor="email">Email</Label>
      <Input id="email" name="email" type="email" autoComplete="username" required />
      <Label htmlFor="password">Password</Label>
      <Input id="password" name="password" type="password" autoComplete="current-password" required />
      {problem && <Alert testId="sign-in-error">{problem}</Alert>}
      <Button type="submit" disabled={busy} data-testid="sign-in-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
