'use client';
import { type DataColumn, DataTable, type ServerPaging } from '../../../components/ui/data-table';
import { Badge } from '../../../components/ui/misc';
import type { Schemas } from '../../../lib/api/client';
import { EditContact } from './edit-contact';
import { OptHistory } from './opt-history';

type Contact = Schemas['Contact'];
const OPT_TONE = { OPTED_IN: 'ok', OPTED_OUT: 'fail', UNKNOWN: 'neutral' } as const;

function columns(businessId: string, now: number, canEdit: boolean): DataColumn<Contact>[] {
  const list: DataColumn<Contact>[] = [
    {
      id: 'number',
      header: 'Number',
      accessorFn: (c) => c.wa_id,
      enableSorting: true,
      cell: ({ row: { original: c } }) => (
        <>
          +{c.wa_id}
          {c.profile_name && <div className="muted small">{c.profile_name}</div>}
        </>
      ),
    },
    {
      id: 'opt',
      header: 'Opt status',
      enableSorting: false,
      cell: ({ row: { original: c } }) => (
        <>
          <Badge tone={OPT_TONE[c.opt_status]}>{c.opt_status.toLowerCase().replace('_', ' ')}</Badge>
          {c.opt_source && <div className="muted small">{c.opt_source}</div>}
          <OptHistory businessId={businessId} waId={c.wa_id} />
        </>
      ),
    },
    {
      id: 'window',
      header: 'Window',
      enableSorting: false,
      cell: ({ row: { original: c } }) =>
        c.window_expires_time !== null && Date.parse(c.window_expires_time) > now ? (
          <Badge tone="ok">open until {c.window_expires_time}</Badge>
        ) : (
          <Badge tone="neutral">closed</Badge>
        ),
    },
    { id: 'tags', header: 'Tags', enableSorting: false, cell: ({ row: { original: c } }) => c.tags.join(', ') || '—' },
    {
      id: 'attributes',
      header: 'Attributes',
      enableSorting: false,
      cell: ({ row: { original: c } }) => (
        <span className="small">
          {Object.entries(c.attributes)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join(', ') || '—'}
        </span>
      ),
    },
  ];
  // Visible header text, not .sr-only: an absolutely positioned cell inside the sideways-scrolling table would escape
  // it and widen the page on a phone.
  if (canEdit)
    list.push({
      id: 'actions',
      header: 'Actions',
      enableSorting: false,
      cell: ({ row: { original: c } }) => <EditContact businessId={businessId} contact={c} />,
    });
  return list;
}

/**
 * One page of contacts as the API searched, sorted (by number, either way) and paged it. `now` comes from the server
 * render, so the window badge is the same on both sides.
 */
export function ContactsTable({
  businessId,
  contacts,
  now,
  canEdit,
  paging,
}: {
  businessId: string;
  contacts: Contact[];
  now: number;
  canEdit: boolean;
  paging: ServerPaging;
}) {
  return (
    <DataTable
      label="Contacts"
      testId="contacts"
      columns={columns(businessId, now, canEdit)}
      data={contacts}
      rowKey={(c) => c.wa_id}
      rowTestId={(c) => `contact-${c.wa_id}`}
      paging={paging}
    />
  );
}
