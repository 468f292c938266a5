'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { Alert } from '../../../components/ui/misc';
import { browserApi, explain } from '../../../lib/api/client';

/**
 * The signed-in person's second factor: turning it on shows the otpauth URI (for the authenticator app) and backup
 * codes once, and takes effect when a first code is verified; turning it off needs the password.
 */
export function TwoFactorCard({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const [setup, setSetup] = useState<{ uri: string; codes: string[] }>();
  const [problem, setProblem] = useState<string>();

  const start = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get('password'));
    const { data, error } = await browserApi.POST('/console/v1/auth/two-factor/enable', { body: { password } });
    if (!data) return setProblem(explain(error));
    setProblem(undefined);
    setSetup({ uri: data.totp_uri, codes: data.backup_codes });
  };
  const verify = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get('code')).replace(/\s/g, '');
    const { data, error } = await browserApi.POST('/console/v1/auth/two-factor/verify-totp', { body: { code } });
    if (!data) return setProblem(explain(error, 'That code is wrong or expired: use the current one.'));
    setSetup(undefined);
    setProblem(undefined);
    router.refresh();
  };
  const disable = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get('password'));
    const { error } = await browserApi.POST('/console/v1/auth/two-factor/disable', { body: { password } });
    setProblem(error ? explain(error) : undefined);
    router.refresh();
  };

  if (setup) {
    return (
      <form onSubmit={verify} className="form" aria-label="Confirm the authenticator">
        <Label htmlFor="totp-uri">Add this key to your authenticator app (paste the URI, or type its secret)</Label>
        <Input id="totp-uri" readOnly value={setup.uri} data-testid="totp-uri" onFocus={(e) => e.target.select()} />
        <p className="muted">
          Backup codes, each usable once if you lose the app: <code>{setup.codes.join(' ')}</code>
        </p>
        <Label htmlFor="totp-code">The 6-digit code it shows now</Label>
        <Input id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" required />
        {problem && <Alert>{problem}</Alert>}
        <Button type="submit">Turn on</Button>
      </form>
    );
  }
  return (
    <form onSubmit={enabled ? disable : start} className="form" aria-label="Two-factor authentication">
      <p data-testid="totp-state">
        {enabled
          ? 'On: signing in asks for a code from your authenticator app.'
          : 'Off: signing in needs only your password.'}
      </p>
      <Label htmlFor="totp-password">Your password</Label>
      <Input id="totp-password" name="password" type="password" autoComplete="current-password" required />
      {problem && <Alert>{problem}</Alert>}
      <Button type="submit" variant={enabled ? 'secondary' : 'primary'} data-testid="totp-toggle">
        {enabled ? 'Turn off' : 'Set up an authenticator app'}
      </Button>
    </form>
  );
}
