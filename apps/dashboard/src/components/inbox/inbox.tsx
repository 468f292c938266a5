'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { browserApi, explain, type Schemas } from '../../lib/api/client';
import { Button } from '../ui/button';
import { cn } from '../ui/cn';
import { Composer, type Outgoing } from './composer';
import { ContactPanel } from './contact-panel';
import { type Action, ConversationActions } from './conversation-actions';
import { ConversationList } from './conversation-list';
import styles from './inbox.module.css';
import { Shortcuts } from './shortcuts';
import { Thread } from './thread';
import {
  type Agent,
  type Canned,
  type Conversation,
  type Filters,
  matches,
  type Note,
  type Template,
  type ThreadMessage,
} from './types';
import { useLiveInbox } from './use-live-inbox';

const byActivity = (a: Conversation, b: Conversation) => (a.last_message_time < b.last_message_time ? 1 : -1);

/**
 * The three-pane inbox: the list (filters), the thread with its reply box, the contact panel; live over the inbox's
 * event stream. On a phone one pane shows at a time: the list, or the open conversation with a way back.
 */
export function Inbox({
  businessId,
  me,
  canAnswer,
  agents,
  templates,
  canned,
}: {
  businessId: string;
  me: string;
  canAnswer: boolean;
  agents: Agent[];
  templates: Template[];
  canned: Canned[];
}) {
  const [filters, setFilters] = useState<Filters>({ view: 'all', status: '', label: '' });
  const [list, setList] = useState<Conversation[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [messages, setMessages] = useState<ThreadMessage[]>([]);
  const [notes, setNotes] = useState<Note[]>([]);
  const [panel, setPanel] = useState<Schemas['ConversationContactPanel'] | null>(null);
  const [quoting, setQuoting] = useState<ThreadMessage | null>(null);
  const [typing, setTyping] = useState<Map<string, { name: string; conversation: string }>>(new Map());
  const [present, setPresent] = useState<{ user_id: string; status: string }[]>([]);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<string>();
  const replyRef = useRef<HTMLTextAreaElement | null>(null);
  const names = useMemo(() => new Map(agents.map((a) => [a.id, a.name])), [agents]);
  const path = { businessId };
  const current = list.find((c) => c.id === selected) ?? null;

  const loadList = useCallback(async () => {
    const { data, error } = await browserApi.GET('/console/v1/businesses/{businessId}/conversations', {
      params: {
        path: { businessId },
        query: {
          view: filters.view,
          limit: 100,
          ...(filters.status && { status: filters.status }),
          ...(filters.label && { label: filters.label }),
        },
      },
    });
    if (data) setList(data.data.sort(byActivity));
    else setError(explain(error));
  }, [businessId, filters]);

  const loadConversation = useCallback(
    async (id: string) => {
      const p = { path: { businessId, conversation_id: id } };
      const [thread, noteList, contact] = await Promise.all([
        browserApi.GET('/console/v1/businesses/{businessId}/conversations/{conversation_id}/messages', {
          params: { ...p, query: { limit: 100 } },
        }),
        browserApi.GET('/console/v1/businesses/{businessId}/conversations/{conversation_id}/notes', {
          params: { ...p, query: { limit: 100 } },
        }),
        browserApi.GET('/console/v1/businesses/{businessId}/conversations/{conversation_id}/contact', { params: p }),
      ]);
      setMessages((thread.data?.data ?? []).reverse());
      setNotes(noteList.data?.data ?? []);
      setPanel(contact.data ?? null);
    },
    [businessId],
  );

  useEffect(() => {
    void loadList();
  }, [loadList]);
  useEffect(() => {
    setQuoting(null);
    if (selected) void loadConversation(selected);
  }, [selected, loadConversation]);

  /** A conversation changed (live or by our own action): in the list or out of it, as the filters say. */
  const upsert = useCallback(
    (c: Conversation) =>
      setList((prev) => {
        const old = prev.find((x) => x.id === c.id);
        // Live events carry the conversation's unread count; keep the agent's own until the next list read.
        const next = { ...c, my_unread_count: c.my_unread_count ?? old?.my_unread_count ?? c.unread_count };
        const rest = prev.filter((x) => x.id !== c.id);
        return matches(next, filters, me) || c.id === selected ? [next, ...rest].sort(byActivity) : rest;
      }),
    [filters, me, selected],
  );

  useLiveInbox(businessId, {
    reset: () => {
      void loadList();
      if (selected) void loadConversation(selected);
    },
    message: (c, m) => {
      // One more unread for this agent; the open conversation is read again at once (the effect below).
      const mine = list.find((x) => x.id === c.id)?.my_unread_count ?? 0;
      upsert({ ...c, my_unread_count: m.direction === 'inbound' ? mine + 1 : mine });
      if (c.id === selected) setMessages((prev) => (prev.some((x) => x.id === m.id) ? prev : [...prev, m]));
    },
    conversation: upsert,
    status: (status, ids) => setMessages((prev) => prev.map((m) => (ids.includes(m.id) ? { ...m, status } : m))),
    typing: (t) =>
      setTyping((prev) => {
        const next = new Map(prev);
        if (t.typing && t.user_id !== me) next.set(t.user_id, { name: t.name, conversation: t.conversation_id });
        else next.delete(t.user_id);
        return next;
      }),
    presence: setPresent,
    connected: setLive,
  });

  // A conversation opened with unread messages is read: the customer gets the read receipt.
  useEffect(() => {
    if (!canAnswer || !current || (current.my_unread_count ?? current.unread_count) === 0) return;
    void browserApi
      .POST('/console/v1/businesses/{businessId}/conversations/{conversation_id}/read', {
        params: { path: { businessId, conversation_id: current.id } },
      })
      .then(() => setList((prev) => prev.map((x) => (x.id === current.id ? { ...x, my_unread_count: 0 } : x))));
  }, [businessId, canAnswer, current]);

  const act = async (a: Action) => {
    if (!current) return;
    const p = { params: { path: { ...path, conversation_id: current.id } } };
    const res =
      'status' in a
        ? await browserApi.POST('/console/v1/businesses/{businessId}/conversations/{conversation_id}/status', {
            ...p,
            body: a,
          })
        : 'assignee' in a
          ? await browserApi.POST('/console/v1/businesses/{businessId}/conversations/{conversation_id}/assignment', {
              ...p,
              body: a,
            })
          : await browserApi.POST('/console/v1/businesses/{businessId}/conversations/{conversation_id}', {
              ...p,
              body: a,
            });
    if (res.data) upsert(res.data as Conversation);
    setError(res.error ? explain(res.error) : undefined);
  };

  const send = async (o: Outgoing): Promise<string | undefined> => {
    if (!current) return;
    const p = { params: { path: { ...path, conversation_id: current.id } } };
    if ('note' in o) {
      const { data, error } = await browserApi.POST(
        '/console/v1/businesses/{businessId}/conversations/{conversation_id}/notes',
        { ...p, body: { body: o.note } },
      );
      if (data) setNotes((prev) => [...prev, data]);
      return error ? explain(error) : undefined;
    }
    const { data, error } = await browserApi.POST(
      '/console/v1/businesses/{businessId}/conversations/{conversation_id}/messages',
      // The reply's shape is the send path's (any message type); the API validates it.
      { ...p, body: o.reply as never },
    );
    if (error) return explain(error);
    setQuoting(null);
    if (data) upsert(data.conversation);
    return undefined;
  };

  const typingSignal = (on: boolean) =>
    current &&
    void browserApi.POST('/console/v1/businesses/{businessId}/conversations/{conversation_id}/typing', {
      params: { path: { ...path, conversation_id: current.id } },
      body: { typing: on },
    });

  const move = (step: 1 | -1) => {
    if (!list.length) return;
    const i = list.findIndex((c) => c.id === selected);
    const next = list[Math.min(list.length - 1, Math.max(0, i === -1 ? 0 : i + step))];
    if (next) setSelected(next.id);
  };

  const labels = useMemo(
    () => [...new Set([...list.flatMap((c) => c.labels), ...(filters.label ? [filters.label] : [])])].sort(),
    [list, filters.label],
  );
  const typingHere = [...typing.values()].filter((t) => t.conversation === selected).map((t) => t.name);
  const online = present.filter((p) => p.user_id !== me);

  return (
    <div className={cn(styles.inbox, current && styles.hasSelection)} data-testid="inbox">
      <div className={styles.bar}>
        <p className={cn('small', 'muted', styles.status)} data-testid="live-status">
          {live ? 'Live' : 'Reconnecting…'}
          {online.length > 0 &&
            ` · online: ${online.map((p) => `${names.get(p.user_id) ?? 'agent'} (${p.status})`).join(', ')}`}
        </p>
        <Shortcuts
          onMove={move}
          onReply={() => replyRef.current?.focus()}
          onResolve={() => canAnswer && current && void act({ status: 'resolved' })}
          onMine={() => canAnswer && current && void act({ assignee: { type: 'user', id: me } })}
          onBack={() => setSelected(null)}
        />
      </div>
      {error && (
        <p role="alert" className="alert alert-fail">
          {error}
        </p>
      )}
      <ConversationList
        conversations={list}
        selected={selected}
        filters={filters}
        labels={labels}
        names={names}
        onFilters={setFilters}
        onSelect={setSelected}
      />
      {current ? (
        <>
          <section className={styles.conversation} aria-label={`Conversation with +${current.wa_id}`}>
            <div className={styles.conversationHead}>
              <Button variant="ghost" size="sm" className={styles.back} onClick={() => setSelected(null)}>
                ← Conversations
              </Button>
              <h2>+{current.wa_id}</h2>
            </div>
            <ConversationActions conversation={current} agents={agents} canAnswer={canAnswer} onAction={act} />
            <Thread
              messages={messages}
              notes={notes}
              names={names}
              typing={typingHere}
              canAnswer={canAnswer}
              onQuote={(m) => {
                setQuoting(m);
                replyRef.current?.focus();
              }}
              onReact={(m, emoji) => void send({ reply: { type: 'reaction', reaction: { message_id: m.id, emoji } } })}
            />
            {canAnswer && (
              <Composer
                conversation={current}
                templates={templates}
                canned={canned}
                quoting={quoting}
                replyRef={replyRef}
                onClearQuote={() => setQuoting(null)}
                onSend={send}
                onTyping={typingSignal}
              />
            )}
          </section>
          <ContactPanel conversation={current} panel={panel} />
        </>
      ) : (
        <section className={styles.conversation} aria-label="No conversation open">
          <p className="muted">Choose a conversation (j / k move through the list).</p>
        </section>
      )}
    </div>
  );
}
