'use client';
import type { Schemas } from '../../lib/api/client';
import styles from './inbox.module.css';
import { type Conversation, timeLeft } from './types';

/** The right pane: who the customer is (attributes, tags, opt status), the window, their campaigns and flow runs. */
export function ContactPanel({
  conversation,
  panel,
}: {
  conversation: Conversation;
  panel: Schemas['ConversationContactPanel'] | null;
}) {
  const contact = panel?.contact;
  return (
    <aside className={styles.panel} aria-label="Contact" data-testid="contact-panel">
      <h2>{contact?.profile_name ?? `+${conversation.wa_id}`}</h2>
      <dl className={styles.facts}>
        <dt>Number</dt>
        <dd>+{conversation.wa_id}</dd>
        <dt>Window</dt>
        <dd data-testid="panel-window">
          {conversation.window.open ? `open · ${timeLeft(conversation.window.seconds_left)}` : 'closed'}
        </dd>
        {contact && (
          <>
            <dt>Opt status</dt>
            <dd>{contact.opt_status.toLowerCase().replace('_', ' ')}</dd>
            <dt>Tags</dt>
            <dd>{contact.tags.length ? contact.tags.join(', ') : 'none'}</dd>
            {Object.entries(contact.attributes).map(([k, v]) => (
              <div key={k} className={styles.fact}>
                <dt>{k}</dt>
                <dd>{String(v)}</dd>
              </div>
            ))}
          </>
        )}
      </dl>
      <h3>Campaigns</h3>
      {panel?.campaigns.length ? (
        <ul>
          {panel.campaigns.map((c) => (
            <li key={c.id}>
              {c.name} · {c.message_status}
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">None from this number.</p>
      )}
      <h3>Flow runs</h3>
      {panel?.flow_runs.length ? (
        <ul>
          {panel.flow_runs.map((r) => (
            <li key={r.id}>
              {r.flow_id} · {r.status}
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">None.</p>
      )}
    </aside>
  );
}
