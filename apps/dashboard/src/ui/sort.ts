export type SortValue = number | string | null | undefined;
export type Direction = 'ascending' | 'descending';

/** A stable sort by one value; missing values always last, texts compared as the language does. */
export function sortRows<R>(rows: readonly R[], valueOf: (row: R) => SortValue, direction: Direction, locale: string): R[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row) }))
    .sort((a, b) => {
      const missingA = a.value === null || a.value === undefined;
      const missingB = b.value === null || b.value === undefined;
      if (missingA || missingB) return missingA === missingB ? a.index - b.index : missingA ? 1 : -1;
      const order =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : collator.compare(String(a.value), String(b.value));
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map(({ row }) => row);
}
