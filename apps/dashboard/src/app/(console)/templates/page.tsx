import type { Metadata } from 'next';
import Link from 'next/link';
import { ConsoleShell } from '../../../components/console/shell';
import { Button } from '../../../components/ui/button';
import { Input, NativeSelect } from '../../../components/ui/input';
import { Label } from '../../../components/ui/label';
import { Alert, Badge, EmptyState, TableWrap } from '../../../components/ui/misc';
import { serverApi } from '../../../lib/api/server';
import { requireConsole } from '../../../lib/api/session';
import { DeleteTemplate } from './delete-template';

export const metadata: Metadata = { title: 'Templates' };

const STATUS_TONE = { APPROVED: 'ok', PENDING: 'neutral', REJECTED: 'fail', PAUSED: 'warn', DISABLED: 'fail' } as const;
const STATUSES = Object.keys(STATUS_TONE);
/** What Meta lets a business edit (the API enforces it, with the limits on approved templates). */
const EDITABLE: string[] = ['APPROVED', 'REJECTED', 'PAUSED'];
type Search = Record<string, string | undefined>;

/** Templates, filtered and paged by the API (cursor links keep the filters). */
export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireConsole('/templates');
  const q = await searchParams;
  const filters = { status: q.status || undefined, name: q.name || undefined };
  const { data } = await (await serverApi()).GET('/console/v1/businesses/{businessId}/message_templates', {
    params: {
      path: { businessId: ctx.business.id },
      query: { limit: 25, ...filters, after: q.after, before: q.before },
    },
  });
  if (!data) throw new Error('the templates could not be read');
  const edit = ctx.role === 'owner' || ctx.role === 'admin';
  const page = (cursor: 'after' | 'before', value: string) =>
    `/templates?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v) as [string, string][]), [cursor]: value })}`;
  return (
    <ConsoleShell
      ctx={ctx}
      page="templates"
      title="Templates"
      actions={
        edit && (
          <Button asChild>
            <Link href="/templates/new" data-testid="template-new">
              New template
            </Link>
          </Button>
        )
      }
    >
      {q.edited && (
        <Alert tone="ok" testId="template-edited">
          {q.edited} was changed and submitted for review again; it sends again once approved.
        </Alert>
      )}
      {q.created && (
        <Alert tone="ok" testId="template-created">
          {q.created} was submitted for review; its status changes here once it is reviewed.
        </Alert>
      )}
      <form className="row" method="get" aria-label="Filter templates">
        <div>
          <Label htmlFor="f-name">Name</Label>
          <Input id="f-name" name="name" defaultValue={filters.name} />
        </div>
        <div>
          <Label htmlFor="f-status">Status</Label>
          <NativeSelect id="f-status" name="status" defaultValue={filters.status ?? ''}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      {data.data.length === 0 ? (
        <EmptyState title={filters.name || filters.status ? 'No template matches' : 'No templates yet'}>
          {edit
            ? 'Create one with “New template”: it is reviewed, and once approved campaigns and the API can send it.'
            : 'Owners and admins create templates; once approved, campaigns and the API can send them.'}
        </EmptyState>
      ) : (
        <TableWrap label="Templates">
          <table className="table" data-testid="templates">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Category</th>
                <th scope="col">Language</th>
                <th scope="col">Rejection reason</th>
                {edit && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {data.data.map((t) => (
                <tr key={t.id} data-testid={`template-${t.name}`}>
                  <th scope="row">{t.name}</th>
                  <td>
                    <Badge tone={STATUS_TONE[t.status]}>{t.status.toLowerCase()}</Badge>
                  </td>
                  <td>{t.category.toLowerCase()}</td>
                  <td>{t.language}</td>
                  <td>{t.rejected_reason === 'NONE' ? '—' : (t.rejection_info?.reason ?? t.rejected_reason)}</td>
                  {edit && (
                    <td>
                      <div className="row">
                        {EDITABLE.includes(t.status) && (
                          <Button asChild variant="ghost" size="sm">
                            <Link href={`/templates/${t.id}/edit`} aria-label={`Edit ${t.name} (${t.language})`}>
                              Edit
                            </Link>
                          </Button>
                        )}
                        <DeleteTemplate businessId={ctx.business.id} id={t.id} name={t.name} language={t.language} />
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav className="row" aria-label="Pages">
        {data.paging.previous && <Link href={page('before', data.paging.cursors.before)}>Newer</Link>}
        {data.paging.next && <Link href={page('after', data.paging.cursors.after)}>Older</Link>}
      </nav>
    </ConsoleShell>
  );
}
