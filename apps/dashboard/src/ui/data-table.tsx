import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { CsvButton, type CsvExport } from './csv-button';
import { type Direction, type SortValue, sortRows } from './sort';

export interface Column<R> {
  key: string;
  label: string;
  cell: (row: R) => ComponentChildren;
  /** What a sort by this column compares; the column is not sortable without it. */
  sortValue?: (row: R) => SortValue;
  numeric?: boolean;
}

interface Props<R> {
  caption: ComponentChildren;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  rowAttributes?: (row: R) => Record<string, string>;
  initialSort?: { key: string; direction: Direction };
  /** A CSV of the rows in the order shown: its file name and one record per row. */
  csv?: CsvExport<R>;
}

/**
 * A table with sortable columns (header buttons, aria-sort). On a narrow screen each row becomes a
 * card whose cells carry their column's name (data-label), so nothing scrolls sideways.
 */
export function DataTable<R>({ caption, columns, rows, rowKey, rowAttributes, initialSort, csv }: Props<R>) {
  const { t, format } = useI18n();
  const [sort, setSort] = useState(initialSort ?? null);
  const sorted = useMemo(() => {
    const column = sort ? columns.find((c) => c.key === sort.key) : undefined;
    return sort && column?.sortValue ? sortRows(rows, column.sortValue, sort.direction, format.locale) : [...rows];
  }, [rows, sort, columns, format.locale]);
  const toggle = (key: string) =>
    setSort((current) =>
      current?.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: 'ascending' },
    );
  return (
    <div class="table-frame">
      {csv && <CsvButton name={csv.name} what={csv.what} records={() => sorted.map(csv.record)} />}
      <table class="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.key === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  class={column.numeric ? 'numeric' : undefined}
                  aria-sort={active ? sort.direction : column.sortValue ? 'none' : undefined}
                >
                  {column.sortValue ? (
                    <button
                      type="button"
                      class="sort-button"
                      onClick={() => toggle(column.key)}
                      aria-label={t.scorecard.sortBy(column.label)}
                    >
                      {column.label}
                      <span class="sort-mark" aria-hidden="true">
                        {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)} {...(rowAttributes?.(row) ?? {})}>
              {columns.map((column) => (
                <td
                  key={column.key}
                  data-label={column.label}
                  data-col={column.key}
                  class={column.numeric ? 'numeric' : undefined}
                >
                  <div class="cell">{column.cell(row)}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
