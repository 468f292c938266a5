'use client';
import {
  type ColumnDef,
  FlexRender,
  functionalUpdate,
  type RowData,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  type Updater,
  useTable,
} from '@tanstack/react-table';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Button } from './button';
import { TableWrap } from './misc';

/** The features every console table has: sorting, done by the server (manualSorting). */
export const dataTableFeatures = tableFeatures({ rowSortingFeature });
export type DataColumn<T extends RowData> = ColumnDef<typeof dataTableFeatures, T>;

export interface ServerPaging {
  /** Where each direction of the one server-sorted column leads (the page's URL with `order`, filters kept). */
  sort: { column: string; order: 'asc' | 'desc'; asc: string; desc: string };
  /** The API's cursors as page links, filters and order kept; absent at either end. */
  previous?: string;
  next?: string;
}

/**
 * One page of rows the API chose, on TanStack Table: the server pages, sorts and filters, so the table only renders
 * what it was given and turns a click on the sortable header into a navigation to the other order. The first column
 * is the row header. Columns sort only where `enableSorting` is set (the API sorts by one key).
 */
export function DataTable<T extends RowData>({
  label,
  testId,
  columns,
  data,
  rowKey,
  rowTestId,
  paging,
}: {
  label: string;
  testId?: string;
  columns: DataColumn<T>[];
  data: T[];
  rowKey: (row: T) => string;
  rowTestId?: (row: T) => string;
  paging: ServerPaging;
}) {
  const router = useRouter();
  const sorting: SortingState = [{ id: paging.sort.column, desc: paging.sort.order === 'desc' }];
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: rowKey,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      router.push(next?.desc ? paging.sort.desc : paging.sort.asc);
    },
  });
  return (
    <>
      <TableWrap label={label}>
        <table className="table" data-testid={testId}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted ? (sorted === 'desc' ? 'descending' : 'ascending') : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={header.column.getToggleSortingHandler()}
                          data-testid={`sort-${header.column.id}`}
                        >
                          <FlexRender header={header} />
                          <span aria-hidden="true">{sorted === 'desc' ? ' ↓' : ' ↑'}</span>
                        </button>
                      ) : (
                        <FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-testid={rowTestId?.(row.original)}>
                {row.getAllCells().map((cell, i) =>
                  i === 0 ? (
                    <th key={cell.id} scope="row">
                      <FlexRender cell={cell} />
                    </th>
                  ) : (
                    <td key={cell.id}>
                      <FlexRender cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {(paging.previous || paging.next) && (
        <nav className="row" aria-label={`${label} pages`}>
          {paging.previous && (
            <Button asChild variant="secondary" size="sm">
              <Link href={paging.previous}>Previous</Link>
            </Button>
          )}
          {paging.next && (
            <Button asChild variant="secondary" size="sm">
              <Link href={paging.next}>Next</Link>
            </Button>
          )}
        </nav>
      )}
    </>
  );
}
