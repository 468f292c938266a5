'use client';
import { useState } from 'react';
import { Button } from '../ui/button';
import { Input, NativeSelect } from '../ui/input';
import { Label } from '../ui/label';
import styles from './inbox.module.css';
import type { Agent, Conversation } from './types';

export type Action =
  | { status: Conversation['status']; snoozed_until?: string }
  | { assignee: { type: 'user'; id: string } | null }
  | { add_labels: string[] }
  | { remove_labels: string[] };

/** The thread's header: status (snooze until a time or the next message), assignee, labels. */
export function ConversationActions({
  conversation,
  agents,
  canAnswer,
  onAction,
}: {
  conversation: Conversation;
  agents: Agent[];
  canAnswer: boolean;
  onAction(a: Action): void;
}) {
  const [until, setUntil] = useState('');
  const [label, setLabel] = useState('');
  const c = conversation;
  return (
    <div className={styles.actions}>
      <div>
        <Label htmlFor="conv-status">Status</Label>
        <NativeSelect
          id="conv-status"
          value={c.status}
          disabled={!canAnswer}
          onChange={(e) => {
            const status = e.target.value as Conversation['status'];
            onAction(
              status === 'snoozed' && until ? { status, snoozed_until: new Date(until).toISOString() } : { status },
            );
          }}
        >
          <option value="open">open</option>
          <option value="pending">pending</option>
          <option value="snoozed">
            snoozed{c.snoozed_until ? ` until ${new Date(c.snoozed_until).toLocaleString()}` : ''}
          </option>
          <option value="resolved">resolved</option>
        </NativeSelect>
      </div>
      {canAnswer && (
        <div>
          <Label htmlFor="conv-snooze">Snooze until (empty: the next message)</Label>
          <Input id="conv-snooze" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
        </div>
      )}
      <div>
        <Label htmlFor="conv-assignee">Assignee</Label>
        <NativeSelect
          id="conv-assignee"
          value={c.assignee?.type === 'user' ? c.assignee.id : c.assignee ? 'bot' : ''}
          disabled={!canAnswer}
          onChange={(e) => onAction({ assignee: e.target.value ? { type: 'user', id: e.target.value } : null })}
        >
          <option value="">Unassigned</option>
          {c.assignee?.type === 'bot' && <option value="bot">bot {c.assignee.id}</option>}
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div>
        <span className="label">Labels</span>
        <ul className={styles.labels} aria-label="Labels">
          {c.labels.map((l) => (
            <li key={l} className="badge badge-neutral">
              {l}
              {canAnswer && (
                <button
                  type="button"
                  className={styles.chipRemove}
                  aria-label={`Remove label ${l}`}
                  onClick={() => onAction({ remove_labels: [l] })}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
        {canAnswer && (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (label.trim()) onAction({ add_labels: [label.trim()] });
              setLabel('');
            }}
          >
            <Label htmlFor="conv-label" className="sr-only">
              New label
            </Label>
            <Input id="conv-label" placeholder="New label" value={label} onChange={(e) => setLabel(e.target.value)} />
            <Button type="submit" variant="secondary" size="sm">
              Add label
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
