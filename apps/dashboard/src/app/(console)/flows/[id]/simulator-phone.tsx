'use client';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { Input } from '../../../../components/ui/input';
import { type ChatLine, choicesOf } from '../../../../lib/flows/simulator/chat';
import styles from '../flows.module.css';

export interface PhoneSession {
  id: string;
  number: string;
  wa_id: string;
}

/** Opens a simulator phone writing to the business number (the dashboard's server holds its device). */
export async function openPhone(businessId: string, phoneNumberId: string): Promise<PhoneSession | string> {
  const res = await fetch('/flows/simulator', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ business_id: businessId, phone_number_id: phoneNumberId }),
  });
  const body = await res.json().catch(() => ({}));
  return res.ok
    ? (body as PhoneSession)
    : String(body?.error?.message ?? `the phone could not be opened (${res.status})`);
}

/** Sends from the phone; the error's message when it was not sent. */
export async function sendFromPhone(sessionId: string, text: string, rich?: Record<string, unknown>) {
  const res = await fetch(`/flows/simulator/${sessionId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, ...(rich && { rich }) }),
  });
  if (res.ok) return undefined;
  const body = await res.json().catch(() => ({}));
  return String(body?.error?.message ?? `not sent (${res.status})`);
}

/**
 * A phone-shaped chat with a real consumer device behind it: the bot's messages arrive over server-sent events as the
 * device receives them; what the operator types or taps (a reply button, a list row, a template's quick reply) the
 * device sends, as a consumer's app would.
 */
export function SimulatorPhone({ session, onClose }: { session: PhoneSession; onClose: () => void }) {
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [problem, setProblem] = useState<string>();
  const [text, setText] = useState('');
  const end = useRef<HTMLLIElement>(null);

  useEffect(() => {
    const events = new EventSource(`/flows/simulator/${session.id}/events`);
    events.addEventListener('line', (e) => {
      const line = JSON.parse((e as MessageEvent<string>).data) as ChatLine;
      setLines((all) => (all.some((l) => l.id === line.id && l.from === line.from) ? all : [...all, line]));
    });
    return () => events.close();
  }, [session.id]);
  const count = lines.length;
  useEffect(() => {
    if (count) end.current?.scrollIntoView?.({ block: 'end' });
  }, [count]);

  const send = async (t: string, rich?: Record<string, unknown>) => {
    setProblem(await sendFromPhone(session.id, t, rich));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    await send(text);
    setText('');
  };

  return (
    <section className={styles.phone} aria-label="Simulator phone" data-testid="simulator">
      <header className={styles.phoneHeader}>
        <span>{session.number}</span>
        <Button type="button" variant="ghost" size="sm" onClick={onClose} aria-label="Close the simulator phone">
          ×
        </Button>
      </header>
      <ol className={styles.chat} aria-live="polite" data-testid="simulator-chat">
        {lines.map((l) => (
          <li key={`${l.from}-${l.id}`} className={l.from === 'me' ? styles.mine : styles.theirs} data-from={l.from}>
            <p>{l.text}</p>
            {choicesOf(l).length > 0 && (
              <div className={styles.choices}>
                {choicesOf(l).map((c) => (
                  <Button
                    key={c.key}
                    type="button"
                    variant="secondary"
                    size="sm"
                    onClick={() => void send(c.reply.text, c.reply.rich)}
                  >
                    {c.title}
                  </Button>
                ))}
              </div>
            )}
          </li>
        ))}
        <li ref={end} aria-hidden="true" />
      </ol>
      {problem && (
        <p role="alert" className={styles.phoneProblem}>
          {problem}
        </p>
      )}
      <form className={styles.phoneInput} onSubmit={submit} aria-label="Write from the simulator phone">
        <Input aria-label="Message" value={text} onChange={(e) => setText(e.target.value)} placeholder="Message" />
        <Button type="submit" size="sm" data-testid="simulator-send">
          Send
        </Button>
      </form>
    </section>
  );
}
