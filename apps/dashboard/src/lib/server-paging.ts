import type { ServerPaging } from '../components/ui/data-table';

export type Order = 'asc' | 'desc';

/** `order` from a search param: descending only when asked for, as the API defaults. */
export const orderOf = (value: string | undefined): Order => (value === 'desc' ? 'desc' : 'asc');

/**
 * The links a server-paged table needs, built on `path` with the page's filters kept: both sort orders (back to the
 * first page) and the API's cursors. Ascending is the default, so it is left out of the URL.
 */
export function serverPaging(
  path: string,
  filters: Record<string, string | undefined>,
  sort: { column: string; order: Order },
  page: { paging: { cursors: { before: string; after: string }; next?: string; previous?: string } },
): ServerPaging {
  const kept = Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1]));
  const link = (order: Order, cursor?: ['after' | 'before', string]) => {
    const q = new URLSearchParams(kept);
    if (order === 'desc') q.set('order', 'desc');
    if (cursor) q.set(...cursor);
    return q.size ? `${path}?${q}` : path;
  };
  return {
    sort: { ...sort, asc: link('asc'), desc: link('desc') },
    previous: page.paging.previous ? link(sort.order, ['before', page.paging.cursors.before]) : undefined,
    next: page.paging.next ? link(sort.order, ['after', page.paging.cursors.after]) : undefined,
  };
}
