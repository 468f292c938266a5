import type { Schemas } from '../../lib/api/client';

export type Conversation = Schemas['Conversation'];
export type ThreadMessage = Schemas['ThreadMessage'];
export type Note = Schemas['ConversationNote'];
export type Template = Schemas['MessageTemplate'];
export type Canned = Schemas['CannedResponse'];
export type Agent = { id: string; name: string };
export type InboxView = 'mine' | 'unassigned' | 'all';
export type StatusFilter = Conversation['status'] | '';

/** What the list shows: the view, the status and the label chosen in the filters. */
export interface Filters {
  view: InboxView;
  status: StatusFilter;
  label: string;
}

/** Whether a conversation belongs in the list under `f` for agent `me` (a live change may move it in or out). */
export function matches(c: Conversation, f: Filters, me: string): boolean {
  if (f.status && c.status !== f.status) return false;
  if (f.label && !c.labels.includes(f.label)) return false;
  if (f.view === 'mine') return c.assignee?.type === 'user' && c.assignee.id === me;
  if (f.view === 'unassigned') return c.assignee === null;
  return true;
}

/** "3h 12m left" of a window, from its seconds. */
export function timeLeft(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h ? `${h}h ${m}m left` : `${m}m left`;
}

/** The text a thread shows for a message of any type. */
export function messageText(m: ThreadMessage): string {
  const body = (m as { text?: { body?: string } }).text?.body;
  if (body !== undefined) return body;
  const rendered = (m as { rendered?: string }).rendered;
  if (typeof rendered === 'string') return rendered;
  if (m.type === 'template') return `Template ${(m as { template?: { name?: string } }).template?.name ?? ''}`;
  if (m.type === 'reaction') return `Reacted ${(m as { reaction?: { emoji?: string } }).reaction?.emoji ?? ''}`;
  return `[${m.type}]`;
}

/** ✓ sent, ✓✓ delivered, read, failed: an outbound message's status as the thread shows it. */
export const STATUS_MARK: Record<ThreadMessage['status'], string> = {
  queued: '…',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓ read',
  failed: 'failed',
};
