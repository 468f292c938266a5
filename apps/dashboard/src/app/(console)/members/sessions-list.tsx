'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Alert } from '../../../components/ui/misc';
import { browserApi, explain } from '../../../lib/api/client';

type Session = {
  id: string;
  current: boolean;
  created_at: string;
  last_active_at: string;
  ip_address: string | null;
  user_agent: string | null;
};

/** Where the user is signed in: sign one browser out, or all but this one. */
export function SessionsList({ sessions }: { sessions: Session[] }) {
  const router = useRouter();
  const [note, setNote] = useState<{ tone: 'ok' | 'fail'; text: string }>();
  const revoke = async (sessionId: string) => {
    const { error } = await browserApi.DELETE('/console/v1/sessions/{sessionId}', {
      params: { path: { sessionId } },
    });
    setNote(error ? { tone: 'fail', text: explain(error) } : undefined);
    router.refresh();
  };
  const elsewhere = async () => {
    const { data, error } = await browserApi.POST('/console/v1/sessions/revoke-others');
    setNote(
      data
        ? { tone: 'ok', text: `Signed out of ${data.revoked} other session${data.revoked === 1 ? '' : 's'}.` }
        : { tone: 'fail', text: explain(error) },
    );
    router.refresh();
  };
  return (
    <>
      {note && (
        <Alert tone={note.tone} testId="sessions-note">
          {note.text}
        </Alert>
      )}
      <ul className="sessions" data-testid="sessions">
        {sessions.map((s) => (
          <li key={s.id}>
            <div>
              <strong>{s.user_agent ?? 'Unknown browser'}</strong>
              {s.current && <span className="badge badge-ok">this browser</span>}
              <div className="muted small">
                {s.ip_address ?? 'unknown address'} · signed in {new Date(s.created_at).toUTCString()}
              </div>
            </div>
            {!s.current && (
              <Button variant="secondary" size="sm" onClick={() => void revoke(s.id)}>
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      {sessions.length > 1 && (
        <Button variant="secondary" onClick={() => void elsewhere()} data-testid="sign-out-elsewhere">
          Sign out everywhere else
        </Button>
      )}
    </>
  );
}
