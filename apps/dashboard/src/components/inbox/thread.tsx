'use client';
import { cn } from '../ui/cn';
import styles from './inbox.module.css';
import { messageText, type Note, STATUS_MARK, type ThreadMessage } from './types';

type Item = { at: string; message?: ThreadMessage; note?: Note };

/** The middle pane's history: the thread from the message log and the private notes, oldest first. */
export function Thread({
  messages,
  notes,
  names,
  typing,
  canAnswer,
  onQuote,
  onReact,
}: {
  messages: ThreadMessage[];
  notes: Note[];
  names: Map<string, string>;
  typing: string[];
  canAnswer: boolean;
  onQuote(m: ThreadMessage): void;
  onReact(m: ThreadMessage, emoji: string): void;
}) {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const items: Item[] = [
    ...messages.filter((m) => m.type !== 'reaction').map((m) => ({ at: m.timestamp, message: m })),
    ...notes.map((n) => ({ at: n.created_time, note: n })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const reactions = new Map<string, string[]>();
  for (const m of messages)
    if (m.type === 'reaction') {
      const r = (m as { reaction?: { message_id?: string; emoji?: string } }).reaction;
      if (r?.message_id && r.emoji) reactions.set(r.message_id, [...(reactions.get(r.message_id) ?? []), r.emoji]);
    }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling history must be reachable by keyboard (WCAG 2.1.1)
    <section className={styles.history} aria-label="Thread" aria-live="polite" tabIndex={0} data-testid="thread">
      {items.map((it) =>
        it.note ? (
          <article key={`n${it.note.id}`} className={cn(styles.bubble, styles.note)} data-testid="note">
            <span className="small">
              Private note{it.note.author_id ? ` · ${names.get(it.note.author_id) ?? 'agent'}` : ''}
            </span>
            <p>{it.note.body}</p>
          </article>
        ) : (
          <article
            key={it.message!.id}
            className={cn(styles.bubble, it.message!.direction === 'inbound' ? styles.inbound : styles.outbound)}
            data-testid={`message-${it.message!.direction}`}
            data-wamid={it.message!.id}
          >
            {it.message!.context && (
              <blockquote className={styles.quote} data-testid="quoted">
                {byId.get(it.message!.context.id)
                  ? messageText(byId.get(it.message!.context.id)!)
                  : 'an earlier message'}
              </blockquote>
            )}
            <p>{messageText(it.message!)}</p>
            <span className="small muted">
              {new Date(it.message!.timestamp).toLocaleTimeString()}
              {it.message!.direction === 'outbound' && (
                <span data-testid="message-status" data-status={it.message!.status}>
                  {' '}
                  {STATUS_MARK[it.message!.status]}
                </span>
              )}
              {it.message!.error && ` · ${it.message!.error.title}`}
              {reactions.get(it.message!.id)?.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the same emoji may come twice
                <span key={i}> {e}</span>
              ))}
            </span>
            {canAnswer && (
              <span className={styles.messageActions}>
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => onQuote(it.message!)}>
                  Quote
                </button>
                {it.message!.direction === 'inbound' && (
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm"
                    aria-label="React with a thumbs up"
                    onClick={() => onReact(it.message!, '👍')}
                  >
                    👍
                  </button>
                )}
              </span>
            )}
          </article>
        ),
      )}
      {typing.length > 0 && (
        <p className="small muted" data-testid="typing">
          {typing.join(', ')} {typing.length === 1 ? 'is' : 'are'} typing…
        </p>
      )}
    </section>
  );
}
