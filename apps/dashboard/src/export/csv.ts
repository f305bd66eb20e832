import { unparse } from 'papaparse';

export type CsvRecord = Record<string, string | number | boolean | null | undefined>;

/** RFC 4180 text with a header row (CRLF, quotes where needed); a BOM so spreadsheets read UTF-8 (Vietnamese). */
export function toCsv(records: readonly CsvRecord[]): string {
  const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
  const rows = records.map((record) => columns.map((column) => record[column] ?? ''));
  return `\uFEFF${unparse({ fields: columns, data: rows }, { newline: '\r\n' })}\r\n`;
}

export function downloadCsv(name: string, records: readonly CsvRecord[]): void {
  const blob = new Blob([toCsv(records)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
