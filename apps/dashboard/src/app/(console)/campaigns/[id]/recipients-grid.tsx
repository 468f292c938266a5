'use client';
import { type DataColumn, DataTable, type ServerPaging } from '../../../../components/ui/data-table';
import { Badge } from '../../../../components/ui/misc';
import type { Schemas } from '../../../../lib/api/client';

type Recipient = Schemas['CampaignRecipient'];
type State = Recipient['state'];
const TONE: Record<State, 'ok' | 'warn' | 'fail' | 'neutral'> = {
  pending: 'neutral',
  queued: 'neutral',
  sent: 'neutral',
  delivered: 'ok',
  read: 'ok',
  failed: 'fail',
  skipped: 'warn',
};

const COLUMNS: DataColumn<Recipient>[] = [
  { id: 'row', header: 'Row', accessorFn: (r) => r.row, enableSorting: true },
  {
    id: 'number',
    header: 'Number',
    enableSorting: false,
    cell: ({ row: { original: r } }) => (r.wa_id ? `+${r.wa_id}` : r.input),
  },
  {
    id: 'state',
    header: 'State',
    enableSorting: false,
    cell: ({ row: { original: r } }) => <Badge tone={TONE[r.state]}>{r.state}</Badge>,
  },
  {
    id: 'code',
    header: 'Code or reason',
    enableSorting: false,
    cell: ({ row: { original: r } }) => r.error_code ?? r.reason?.replaceAll('_', ' ') ?? '',
  },
  {
    id: 'sent',
    header: 'Sent at',
    enableSorting: false,
    cell: ({ row: { original: r } }) =>
      r.dispatched_at ? `${new Date(r.dispatched_at).toISOString().slice(0, 19)}Z` : '',
  },
];

/** One page of a campaign's recipients as the API filtered, sorted (by row, either way) and paged it. */
export function RecipientsGrid({ rows, paging }: { rows: Recipient[]; paging: ServerPaging }) {
  return (
    <DataTable
      label="Recipients"
      testId="recipients"
      columns={COLUMNS}
      data={rows}
      rowKey={(r) => String(r.row)}
      rowTestId={(r) => `recipient-${r.row}`}
      paging={paging}
    />
  );
}
