import type { Metadata } from 'next';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { next, 'signed-out': signedOut } = await searchParams;
  // Only a path on this site: never an open redirect.
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/overview';
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      {signedOut && (
        <p className="muted" data-testid="signed-out">
          You are signed out.
        </p>
      )}
      <SignInForm next={target} />
      <p className="muted">
        No account? Ask an owner or admin of your business for an invitation link. The first owner gets one from{' '}
        <code>npm run admin -- create-user you@example.com</code>.
      </p>
    </div>
  );
}
