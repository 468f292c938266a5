'use client';
import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { Button } from '../ui/button';
import { Input, NativeSelect } from '../ui/input';
import { Label } from '../ui/label';
import { Alert } from '../ui/misc';
import styles from './inbox.module.css';
import { type Canned, type Conversation, messageText, type Template, type ThreadMessage, timeLeft } from './types';

/** What the composer asks the inbox to send: the reply body as the API takes it, or a private note. */
export type Outgoing = { reply: Record<string, unknown> } | { note: string };

const draftKey = (conversationId: string) => `inbox-draft:${conversationId}`;
/** `{{1}}` or `{{name}}` placeholders of a text, each once, in order. */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!))];
const bodyOf = (t: Template) =>
  (t.components.find((c) => (c as { type: string }).type === 'BODY') as { text?: string } | undefined)?.text ?? '';

/**
 * The reply box: free-form text while the 24-hour window is open (with the time left), a template picker with its
 * variables once it is closed, canned responses with their variables, quoting, private notes. The draft of each
 * conversation is kept in localStorage until it is sent.
 */
export function Composer({
  conversation,
  templates,
  canned,
  quoting,
  replyRef,
  onClearQuote,
  onSend,
  onTyping,
}: {
  conversation: Conversation;
  templates: Template[];
  canned: Canned[];
  quoting: ThreadMessage | null;
  replyRef: RefObject<HTMLTextAreaElement | null>;
  onClearQuote(): void;
  onSend(o: Outgoing): Promise<string | undefined>;
  onTyping(typing: boolean): void;
}) {
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [templateId, setTemplateId] = useState('');
  const [cannedId, setCannedId] = useState('');
  const [vars, setVars] = useState<Record<string, string>>({});
  const typingSent = useRef(0);
  const open = conversation.window.open;

  useEffect(() => {
    setText(localStorage.getItem(draftKey(conversation.id)) ?? '');
    setError(undefined);
    setTemplateId('');
    setCannedId('');
    setVars({});
  }, [conversation.id]);

  const edit = (value: string) => {
    setText(value);
    if (value) localStorage.setItem(draftKey(conversation.id), value);
    else localStorage.removeItem(draftKey(conversation.id));
    // At most one typing signal every 3 s while the agent types.
    if (mode === 'reply' && value && Date.now() - typingSent.current > 3000) {
      typingSent.current = Date.now();
      onTyping(true);
    }
  };

  const template = templates.find((t) => t.id === templateId);
  const templateVars = template ? placeholders(bodyOf(template)) : [];
  const cannedOne = canned.find((c) => c.id === cannedId);
  const cannedVars = cannedOne ? placeholders(cannedOne.content).filter((v) => !v.startsWith('contact.')) : [];
  const context = quoting ? { context: { message_id: quoting.id } } : {};

  const send = async (o: Outgoing) => {
    setBusy(true);
    setError(await onSend(o));
    setBusy(false);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'note') {
      if (text.trim()) await send({ note: text });
    } else if (cannedOne) {
      await send({ reply: { canned_response: { id: cannedOne.id, variables: vars }, ...context } });
    } else if (text.trim()) {
      await send({ reply: { type: 'text', text: { body: text }, ...context } });
      onTyping(false);
      typingSent.current = 0;
    } else return;
    if (mode === 'note' || !cannedOne) edit('');
    setCannedId('');
    setVars({});
  };
  const sendTemplate = async () => {
    if (!template) return;
    const named = template.parameter_format === 'NAMED';
    const parameters = templateVars.map((v) => ({
      type: 'text',
      text: vars[v] ?? '',
      ...(named && { parameter_name: v }),
    }));
    await send({
      reply: {
        type: 'template',
        template: {
          name: template.name,
          language: { code: template.language },
          ...(parameters.length && { components: [{ type: 'body', parameters }] }),
        },
      },
    });
    setTemplateId('');
    setVars({});
  };
  const varInputs = (names: string[], prefix: string) =>
    names.map((v) => (
      <div key={v}>
        <Label htmlFor={`${prefix}-${v}`}>{`Variable {{${v}}}`}</Label>
        <Input
          id={`${prefix}-${v}`}
          value={vars[v] ?? ''}
          onChange={(e) => setVars({ ...vars, [v]: e.target.value })}
        />
      </div>
    ));

  return (
    <section className={styles.composer} aria-label="Reply">
      {error && <Alert testId="reply-error">{error}</Alert>}
      {!open && mode === 'reply' ? (
        <div className={styles.closed} data-testid="window-closed">
          <p role="status">
            <strong>The 24-hour window is closed.</strong> The customer has not written in the last 24 hours: only an
            approved template can be sent until they write again.
          </p>
          <div>
            <Label htmlFor="reply-template">Template</Label>
            <NativeSelect
              id="reply-template"
              value={templateId}
              onChange={(e) => {
                setTemplateId(e.target.value);
                setVars({});
              }}
            >
              <option value="">Choose an approved template</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} · {t.language}
                </option>
              ))}
            </NativeSelect>
          </div>
          {template && <p className="small muted">{bodyOf(template)}</p>}
          {varInputs(templateVars, 'tvar')}
          <Button type="button" disabled={!template || busy} onClick={sendTemplate} data-testid="send-template">
            Send template
          </Button>
        </div>
      ) : (
        <form onSubmit={submit}>
          {mode === 'reply' && (
            <p className="small muted" data-testid="window-open">
              Window open · {timeLeft(conversation.window.seconds_left)}
            </p>
          )}
          {quoting && mode === 'reply' && (
            <div className={styles.quoting} data-testid="quoting">
              <span className="small">Replying to: {messageText(quoting)}</span>
              <Button type="button" variant="ghost" size="sm" onClick={onClearQuote}>
                Cancel quote
              </Button>
            </div>
          )}
          {mode === 'reply' && canned.length > 0 && (
            <div>
              <Label htmlFor="reply-canned">Canned response</Label>
              <NativeSelect
                id="reply-canned"
                value={cannedId}
                onChange={(e) => {
                  setCannedId(e.target.value);
                  setVars({});
                }}
              >
                <option value="">None</option>
                {canned.map((c) => (
                  <option key={c.id} value={c.id}>
                    /{c.short_code}
                  </option>
                ))}
              </NativeSelect>
            </div>
          )}
          {cannedOne && mode === 'reply' ? (
            <>
              <p className="small muted">{cannedOne.content}</p>
              {varInputs(cannedVars, 'cvar')}
            </>
          ) : (
            <>
              <Label htmlFor="reply-text">{mode === 'note' ? 'Private note (never sent)' : 'Message'}</Label>
              <textarea
                id="reply-text"
                ref={replyRef}
                className="input"
                rows={3}
                value={text}
                onChange={(e) => edit(e.target.value)}
                onBlur={() => mode === 'reply' && typingSent.current && onTyping(false)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit(e);
                }}
              />
            </>
          )}
          <div className="row">
            <Button type="submit" disabled={busy} data-testid="send">
              {mode === 'note' ? 'Add note' : 'Send'}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setMode(mode === 'note' ? 'reply' : 'note')}>
              {mode === 'note' ? 'Write a reply' : 'Write a private note'}
            </Button>
          </div>
        </form>
      )}
      {!open && mode === 'reply' && (
        <Button type="button" variant="ghost" size="sm" onClick={() => setMode('note')}>
          Write a private note
        </Button>
      )}
    </section>
  );
}
