/** A cell: text as it is, numbers and booleans as JSON writes them, null and undefined empty. */
export type Cell = string | number | boolean | null | undefined;

const needsQuotes = /[",\r\n]/;

/** RFC 4180: a field with a comma, a double quote or a line break is quoted, its quotes doubled. */
export function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  const text = String(cell);
  return needsQuotes.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text (UTF-8 by the caller): a header row, then one record per row, each line ended by CRLF. */
export function toCsv(columns: readonly string[], rows: readonly Readonly<Record<string, Cell>>[]): string {
  const line = (cells: readonly Cell[]) => `${cells.map(csvField).join(',')}\r\n`;
  return line(columns) + rows.map((row) => line(columns.map((column) => row[column]))).join('');
}
