'use client';
import { cn } from '../ui/cn';
import { NativeSelect } from '../ui/input';
import { Label } from '../ui/label';
import styles from './inbox.module.css';
import type { Conversation, Filters } from './types';

const STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;

/** The left pane: the filters (view, status, label) and the conversations, newest activity first. */
export function ConversationList({
  conversations,
  selected,
  filters,
  labels,
  names,
  onFilters,
  onSelect,
}: {
  conversations: Conversation[];
  selected: string | null;
  filters: Filters;
  labels: string[];
  names: Map<string, string>;
  onFilters(f: Filters): void;
  onSelect(id: string): void;
}) {
  return (
    <section className={styles.list} aria-label="Conversations">
      <div className={styles.filters}>
        <fieldset className={styles.views}>
          <legend className="sr-only">View</legend>
          {(['mine', 'unassigned', 'all'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className={cn('btn', 'btn-sm', filters.view === v ? 'btn-primary' : 'btn-ghost')}
              aria-pressed={filters.view === v}
              onClick={() => onFilters({ ...filters, view: v })}
            >
              {v === 'mine' ? 'Mine' : v === 'unassigned' ? 'Unassigned' : 'All'}
            </button>
          ))}
        </fieldset>
        <FilterSelect
          id="inbox-status"
          label="Status"
          value={filters.status}
          options={STATUSES}
          onChange={(status) => onFilters({ ...filters, status: status as Filters['status'] })}
        />
        <FilterSelect
          id="inbox-label"
          label="Label"
          value={filters.label}
          options={labels}
          onChange={(label) => onFilters({ ...filters, label })}
        />
      </div>
      {conversations.length === 0 ? (
        <p className="muted" data-testid="inbox-empty">
          No conversation here.
        </p>
      ) : (
        <ul className={styles.items} data-testid="conversation-list">
          {conversations.map((c) => {
            const unread = c.my_unread_count ?? c.unread_count;
            return (
              <li key={c.id}>
                <button
                  type="button"
                  className={cn(styles.item, c.id === selected && styles.itemSelected)}
                  aria-current={c.id === selected ? 'true' : undefined}
                  data-testid={`conversation-${c.wa_id}`}
                  onClick={() => onSelect(c.id)}
                >
                  <span className={styles.itemHead}>
                    <strong>+{c.wa_id}</strong>
                    {unread > 0 && (
                      <span className="badge badge-warn" data-testid="unread">
                        {unread}
                        <span className="sr-only"> unread</span>
                      </span>
                    )}
                  </span>
                  <span className="small muted">
                    {c.status}
                    {' · '}
                    {c.assignee
                      ? c.assignee.type === 'bot'
                        ? `bot ${c.assignee.id}`
                        : (names.get(c.assignee.id) ?? 'agent')
                      : 'unassigned'}
                    {c.labels.length > 0 && ` · ${c.labels.join(', ')}`}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** One of the list's filters: "Any" (empty) or one of `options`. */
function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly string[];
  onChange(value: string): void;
}) {
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
