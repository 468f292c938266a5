'use client';
import { Badge, TableWrap } from '../../../components/ui/misc';
import type { Schemas } from '../../../lib/api/client';
import { EditContact } from './edit-contact';
import { OptHistory } from './opt-history';

type Contact = Schemas['Contact'];
const OPT_TONE = { OPTED_IN: 'ok', OPTED_OUT: 'fail', UNKNOWN: 'neutral' } as const;

/**
 * One page of contacts as the API paged it (the server decides the rows). `now` comes from the server render, so the
 * window badge is the same on both sides.
 */
export function ContactsTable({
  businessId,
  contacts,
  now,
  canEdit,
}: {
  businessId: string;
  contacts: Contact[];
  now: number;
  canEdit: boolean;
}) {
  return (
    <TableWrap label="Contacts">
      <table className="table" data-testid="contacts">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Opt status</th>
            <th scope="col">Window</th>
            <th scope="col">Tags</th>
            <th scope="col">Attributes</th>
            {/* Visible text, not .sr-only: an absolutely positioned cell inside the sideways-scrolling table would
                escape it and widen the page on a phone. */}
            {canEdit && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) => {
            const open = c.window_expires_time !== null && Date.parse(c.window_expires_time) > now;
            return (
              <tr key={c.wa_id} data-testid={`contact-${c.wa_id}`}>
                <th scope="row">
                  +{c.wa_id}
                  {c.profile_name && <div className="muted small">{c.profile_name}</div>}
                </th>
                <td>
                  <Badge tone={OPT_TONE[c.opt_status]}>{c.opt_status.toLowerCase().replace('_', ' ')}</Badge>
                  {c.opt_source && <div className="muted small">{c.opt_source}</div>}
                  <OptHistory businessId={businessId} waId={c.wa_id} />
                </td>
                <td>
                  {open ? (
                    <Badge tone="ok">open until {c.window_expires_time}</Badge>
                  ) : (
                    <Badge tone="neutral">closed</Badge>
                  )}
                </td>
                <td>{c.tags.join(', ') || '—'}</td>
                <td className="small">
                  {Object.entries(c.attributes)
                    .map(([k, v]) => `${k}: ${String(v)}`)
                    .join(', ') || '—'}
                </td>
                {canEdit && (
                  <td>
                    <EditContact businessId={businessId} contact={c} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
