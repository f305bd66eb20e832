import { FIGURES, meets, type FigureId } from '../budget';
import { formatNumber } from './progress';

export type RowState = 'measured' | 'not implemented yet' | 'not measured' | 'failed' | 'not run';

export interface Row {
  readonly figure: FigureId;
  readonly state: RowState;
  readonly value?: number;
}

function measured(row: Row): string {
  if (row.value === undefined) return row.state;
  const { unit } = FIGURES[row.figure];
  return `${formatNumber(row.value, unit === 'ms' && row.value < 10 ? 1 : 0)} ${unit}`;
}

function budget(row: Row): string {
  const spec = FIGURES[row.figure];
  if (!('budget' in spec)) return '';
  const text = `${spec.budget.comparator === 'atLeast' ? '≥' : '≤'} ${formatNumber(spec.budget.value)} ${spec.unit}`;
  if (row.value === undefined) return text;
  return `${text} ${meets(spec.budget, row.value) ? '✓' : '✗'}`;
}

function ceiling(row: Row, rows: readonly Row[]): [string, string] {
  const spec = FIGURES[row.figure];
  if (!('ceiling' in spec)) return ['', ''];
  const raw = rows.find((r) => r.figure === `ceiling.${spec.ceiling}`);
  if (raw?.value === undefined) return [`${spec.ceiling}: not measured`, ''];
  const text = `${formatNumber(raw.value)} ${FIGURES[raw.figure].unit} (${spec.ceiling})`;
  return [text, row.value === undefined ? '' : `${((100 * row.value) / raw.value).toFixed(1)} %`];
}

/** One table: figure, measured value, budget (✓ met, ✗ missed), the raw ceiling and the ratio to it. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['figure', 'measured', 'budget', 'ceiling', 'ratio'];
  const cells = rows.map((row) => [FIGURES[row.figure].label, measured(row), budget(row), ...ceiling(row, rows)]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const format = (line: string[]) =>
    line
      .map((cell, i) => (i === 1 || i === 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [format(header), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(format)].join('\n');
}
