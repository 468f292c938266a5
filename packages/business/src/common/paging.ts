import { z } from 'zod';

/**
 * Graph-style cursor paging over a unique, sortable column — a Graph id (which grows with time: newest first) or a
 * contact's wa_id. `after` walks forward, `before` back. Cursors are opaque to clients.
 */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: z.string().max(200).optional(),
  before: z.string().max(200).optional(),
};

/** The direction of a list over its paging key (the console's tables sort by it); ascending unless asked. */
export const pageOrderQuery = z.enum(['asc', 'desc']).default('asc');
export type PageDirection = z.output<typeof pageOrderQuery>;

export interface PageRequest {
  limit: number;
  after?: string;
  before?: string;
}

export interface Page<T> {
  data: T[];
  paging: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

export interface PageOrder<K extends string> {
  key: K;
  order: 'asc' | 'desc';
}

const NEWEST_FIRST: PageOrder<'id'> = { key: 'id', order: 'desc' };

const encode = (value: string) => Buffer.from(value).toString('base64url');
/** A cursor that does not decode to a key matches nothing rather than failing: Graph treats bad cursors the same. */
const decode = (cursor: string) => {
  const value = Buffer.from(cursor, 'base64url').toString();
  return /^[0-9]{1,20}$/.test(value) ? value : '';
};

/** The Prisma `where`/`orderBy`/`take` for one page (one extra row tells whether there is more). */
export function pageArgs<K extends string = 'id'>(page: PageRequest, o: PageOrder<K> = NEWEST_FIRST as PageOrder<K>) {
  const back = o.order === 'asc' ? 'desc' : 'asc';
  const beyond = (cursor: string, dir: 'asc' | 'desc') => ({ [dir === 'asc' ? 'gt' : 'lt']: decode(cursor) });
  const take = page.limit + 1;
  if (page.before)
    return { where: { [o.key]: beyond(page.before, back) }, orderBy: { [o.key]: back }, take } as PrismaPage<K>;
  const where = page.after ? { [o.key]: beyond(page.after, o.order) } : {};
  return { where, orderBy: { [o.key]: o.order }, take } as PrismaPage<K>;
}

type PrismaPage<K extends string> = {
  where: Partial<Record<K, { gt: string } | { lt: string }>>;
  orderBy: Record<K, 'asc' | 'desc'>;
  take: number;
};

/** Turns the rows fetched with pageArgs into a Graph page, with next/previous links built on the called URL. */
export function toPage<R extends Record<K, string>, T, K extends string = 'id'>(
  rows: R[],
  page: PageRequest,
  render: (row: R) => T,
  url?: URL,
  key: K = 'id' as K,
): Page<T> {
  const more = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  const ordered = page.before ? kept.reverse() : kept;
  const first = ordered[0];
  const last = ordered.at(-1);
  const cursors = { before: first ? encode(first[key]) : '', after: last ? encode(last[key]) : '' };
  const link = (which: 'after' | 'before', cursor: string) => {
    if (!url) return undefined;
    const next = new URL(url);
    next.searchParams.delete('after');
    next.searchParams.delete('before');
    next.searchParams.set(which, cursor);
    return next.toString();
  };
  const hasNext = page.before ? Boolean(last) : more;
  const hasPrevious = page.before ? more : Boolean(page.after && first);
  return {
    data: ordered.map(render),
    paging: {
      cursors,
      ...(hasNext && last && { next: link('after', cursors.after) }),
      ...(hasPrevious && first && { previous: link('before', cursors.before) }),
    },
  };
}
