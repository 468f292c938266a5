import type { Metadata } from 'next';
import { ConsoleShell } from '../../../components/console/shell';
import { Button } from '../../../components/ui/button';
import { Input, NativeSelect } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { EmptyState } from '../../../components/ui/misc';
import { serverApi } from '../../../lib/api/server';
import { requireConsole } from '../../../lib/api/session';
import { orderOf, serverPaging } from '../../../lib/server-paging';
import { ContactsTable } from './contacts-table';
import { ImportContacts } from './import-contacts';

export const metadata: Metadata = { title: 'Contacts' };

const OPT_STATUSES = ['OPTED_IN', 'OPTED_OUT', 'UNKNOWN'] as const;
type Search = Record<string, string | undefined>;

/** The contact book: searched, filtered, sorted and paged by number by the API (links keep the filters and order). */
export default async function ContactsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireConsole('/contacts');
  const q = await searchParams;
  const order = orderOf(q.order);
  const filters = {
    search: q.search || undefined,
    tag: q.tag || undefined,
    opt_status: (q.opt_status || undefined) as (typeof OPT_STATUSES)[number] | undefined,
  };
  const { data } = await (await serverApi()).GET('/console/v1/businesses/{businessId}/contacts', {
    params: {
      path: { businessId: ctx.business.id },
      query: { limit: 50, ...filters, order, after: q.after, before: q.before },
    },
  });
  if (!data) throw new Error('the contacts could not be read');
  const filtered = Object.values(filters).some(Boolean);
  const manage = ctx.role === 'owner' || ctx.role === 'admin';
  return (
    <ConsoleShell
      ctx={ctx}
      page="contacts"
      title="Contacts"
      actions={manage && <ImportContacts businessId={ctx.business.id} />}
    >
      <form className="row" method="get" aria-label="Search contacts">
        {order === 'desc' && <input type="hidden" name="order" value="desc" />}
        <div>
          <Label htmlFor="c-search">Number or name</Label>
          <Input id="c-search" name="search" defaultValue={filters.search} />
        </div>
        <div>
          <Label htmlFor="c-tag">Tag</Label>
          <Input id="c-tag" name="tag" defaultValue={filters.tag} />
        </div>
        <div>
          <Label htmlFor="c-opt">Opt status</Label>
          <NativeSelect id="c-opt" name="opt_status" defaultValue={filters.opt_status ?? ''}>
            <option value="">Any</option>
            <option value="OPTED_IN">opted in</option>
            <option value="OPTED_OUT">opted out</option>
            <option value="UNKNOWN">unknown</option>
          </NativeSelect>
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {data.data.length === 0 ? (
        <EmptyState title={filtered ? 'No contact matches' : 'No contacts yet'}>
          {filtered
            ? 'Try part of the number, or clear the filters.'
            : 'Contacts appear when customers message your numbers; import a CSV, or add them with POST /{waba_id}/contacts.'}
        </EmptyState>
      ) : (
        <ContactsTable
          businessId={ctx.business.id}
          contacts={data.data}
          now={Date.now()}
          canEdit={ctx.role !== 'viewer'}
          paging={serverPaging('/contacts', filters, { column: 'number', order }, data)}
        />
      )}
    </ConsoleShell>
  );
}
