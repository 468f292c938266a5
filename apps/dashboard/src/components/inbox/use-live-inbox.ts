'use client';
import { useEffect, useRef } from 'react';
import type { Conversation, ThreadMessage } from './types';

export type LiveHandlers = {
  /** The stream (re)started without a resumable cursor: reload what is shown. */
  reset(): void;
  message(c: Conversation, m: ThreadMessage): void;
  conversation(c: Conversation): void;
  status(status: ThreadMessage['status'], ids: string[]): void;
  typing(t: { conversation_id: string; user_id: string; name: string; typing: boolean }): void;
  presence(p: { user_id: string; status: string }[]): void;
  connected(on: boolean): void;
};

const cursorKey = (businessId: string) => `inbox-cursor:${businessId}`;

/**
 * The inbox's live events (docs/inbox.md "Live events") over one EventSource. The browser resends the last `id:` as
 * Last-Event-ID when it reconnects by itself; the cursor is also kept in sessionStorage, so a reload resumes too.
 */
export function useLiveInbox(businessId: string, handlers: LiveHandlers) {
  const h = useRef(handlers);
  h.current = handlers;
  useEffect(() => {
    const kept = sessionStorage.getItem(cursorKey(businessId));
    const url = `/console/v1/businesses/${businessId}/inbox/events${kept ? `?after=${kept}` : ''}`;
    const source = new EventSource(url);
    const presence = new Map<string, string>();
    let first = true;
    const on = (kind: string, fn: (data: Record<string, unknown>) => void) =>
      source.addEventListener(kind, (e) => {
        const ev = e as MessageEvent<string>;
        if (ev.lastEventId) sessionStorage.setItem(cursorKey(businessId), ev.lastEventId);
        fn(JSON.parse(ev.data) as Record<string, unknown>);
      });
    on('ready', (d) => {
      h.current.connected(true);
      sessionStorage.setItem(cursorKey(businessId), String(d.cursor));
      presence.clear();
      for (const p of d.presence as { user_id: string; status: string }[]) presence.set(p.user_id, p.status);
      h.current.presence([...presence].map(([user_id, status]) => ({ user_id, status })));
      // The first ready loads the lists after the stream is open, so nothing falls between the two.
      if (d.reset || first) h.current.reset();
      first = false;
    });
    on('message', (d) => h.current.message(d.conversation as Conversation, d.message as ThreadMessage));
    on('conversation', (d) => h.current.conversation(d.conversation as Conversation));
    on('message_status', (d) =>
      h.current.status(
        d.status as ThreadMessage['status'],
        (d.messages as { id: string }[]).map((m) => m.id),
      ),
    );
    on('typing', (d) => h.current.typing(d as Parameters<LiveHandlers['typing']>[0]));
    on('presence', (d) => {
      if (d.status === 'offline') presence.delete(String(d.user_id));
      else presence.set(String(d.user_id), String(d.status));
      h.current.presence([...presence].map(([user_id, status]) => ({ user_id, status })));
    });
    source.onerror = () => h.current.connected(false);
    return () => source.close();
  }, [businessId]);
}
