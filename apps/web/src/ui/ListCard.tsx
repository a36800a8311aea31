import { Button } from '@midas-ds/components/button';
import { useLanguage } from '../app/i18n.js';
import type { Key, ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  cell: (item: T) => ReactNode;
  /** The cell names its row (`<th scope="row">`), as the first column of a table of groups or parts does. */
  rowHeader?: boolean;
}

/**
 * The list pages' one scaffold: a card with its heading, a data table (one row per item, a header cell per
 * column) or, when there is nothing, the empty-state sentence. `before` and `after` hold what a card shows
 * around its table (filters, a hint, a "more" button).
 */
export function ListCard<T>({
  id,
  title,
  items,
  columns,
  rowKey,
  empty,
  before,
  after,
  scroll,
  tableClass,
}: {
  /** Names the heading (`${id}-heading`), which labels the card for screen readers. */
  id: string;
  title: ReactNode;
  items: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (item: T) => Key;
  empty: ReactNode;
  before?: ReactNode;
  after?: ReactNode;
  /** Wide tables scroll sideways on a narrow screen instead of widening the page. */
  scroll?: boolean;
  /** A class of the table's own (column widths). */
  tableClass?: string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>{title}</h2>
      {before}
      <ListTable
        items={items}
        columns={columns}
        rowKey={rowKey}
        empty={empty}
        scroll={scroll}
        tableClass={tableClass}
      />
      {after}
    </section>
  );
}

/** The table or the empty-state sentence, for a page that is itself the list (no card around it). */
export function ListTable<T>({
  items,
  columns,
  rowKey,
  empty,
  scroll,
  tableClass,
  caption,
}: {
  items: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (item: T) => Key;
  empty: ReactNode;
  scroll?: boolean;
  tableClass?: string;
  /** Names a table that has no card heading of its own. */
  caption?: ReactNode;
}) {
  if (!items.length) return <p>{empty}</p>;
  const table = (
    <table className={tableClass ? `data ${tableClass}` : 'data'}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column, i) => (
            <th key={i} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={rowKey(item)}>
            {columns.map((column, i) =>
              column.rowHeader ? (
                <th key={i} scope="row">
                  {column.cell(item)}
                </th>
              ) : (
                <td key={i}>{column.cell(item)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? <div className="table-scroll">{table}</div> : table;
}

/** "Visa fler" under a growing list (`useConnection`): adds the next rows below the ones shown. */
export function LoadMore({ list }: { list: { hasMore: boolean; fetching: boolean; loadMore: () => void } }) {
  const { t } = useLanguage();
  if (!list.hasMore) return null;
  return (
    <div className="actions">
      <Button variant="secondary" onPress={list.loadMore} isDisabled={list.fetching}>
        {t('app.loadMore')}
      </Button>
    </div>
  );
}
