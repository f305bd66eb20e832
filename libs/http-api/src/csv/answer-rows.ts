import {
  EXAMPLE_CASE_LIST,
  EXAMPLE_COMPARE,
  EXAMPLE_DIRECTIVE_DETAIL,
  EXAMPLE_DIRECTIVE_LIST,
  EXAMPLE_HOTSPOT_LIST,
  EXAMPLE_PROGRESS,
  EXAMPLE_SERIES,
  EXAMPLE_STATS,
  EXAMPLE_UNIT_DETAIL,
  EXAMPLE_UNIT_LIST,
} from '@vigil/contract';
import type { Cell } from './csv-format';
import { columnsOf, flatten } from './flatten';

type Answer = Record<string, unknown>;
type Rows = (answer: Answer) => Record<string, unknown>[];

const list = (answer: Answer, key: string) => (answer[key] as Record<string, unknown>[] | undefined) ?? [];
const without = (answer: Answer, ...keys: string[]) =>
  Object.fromEntries(Object.entries(answer).filter(([key]) => !keys.includes(key)));

/** One record per item of the answer's list, the answer's other fields repeated on each (a register's `nextCursor` too). */
const each =
  (key: string): Rows =>
  (answer) =>
    list(answer, key).map((item) => ({ ...without(answer, key), ...item }));

/**
 * The records of each CSV answer: what a spreadsheet row is for every `GET /v1/…` but evidence. A unit's
 * stats are its record and one per child; a directive's detail one per change of each target.
 */
const ROWS: Record<string, Rows> = {
  listDirectives: (answer) =>
    list(answer, 'directives').flatMap((directive) => {
      const targets = list(directive, 'targets');
      const fields = without(directive, 'targets');
      return targets.length === 0 ? [fields] : targets.map((target) => ({ ...fields, ...target }));
    }),
  getDirective: (answer) =>
    list(answer, 'targets').flatMap((target) =>
      list(target, 'history').map((change) => ({
        ...without(answer, 'targets'),
        ...without(target, 'history'),
        history: change,
      })),
    ),
  getDirectiveProgress: each('targets'),
  listUnits: each('units'),
  getUnit: (answer) => [answer],
  getUnitStats: (answer) => {
    const { unitId, from, to } = answer;
    return [
      { unitId, name: undefined, level: undefined, ...without(answer, 'children') },
      ...list(answer, 'children').map((child) => ({ ...child, from, to })),
    ];
  },
  compareUnit: (answer) =>
    list(answer, 'rows').map((row) => ({ ...without(answer, 'rows', 'windows'), ...row, windows: answer.windows })),
  getUnitSeries: each('points'),
  listCases: each('items'),
  listHotspots: each('items'),
};

/** The example answer of each endpoint: its columns head a CSV without any record. */
const EXAMPLES: Record<string, unknown> = {
  listDirectives: EXAMPLE_DIRECTIVE_LIST,
  getDirective: EXAMPLE_DIRECTIVE_DETAIL,
  getDirectiveProgress: EXAMPLE_PROGRESS,
  listUnits: EXAMPLE_UNIT_LIST,
  getUnit: EXAMPLE_UNIT_DETAIL,
  getUnitStats: EXAMPLE_STATS,
  compareUnit: EXAMPLE_COMPARE,
  getUnitSeries: EXAMPLE_SERIES,
  listCases: EXAMPLE_CASE_LIST,
  listHotspots: EXAMPLE_HOTSPOT_LIST,
};

export const CSV_OPERATIONS = Object.keys(ROWS);

/** The header and records of an answer as CSV (the operation's rows flattened to dotted columns). */
export function csvTable(operationId: string, answer: unknown): { columns: string[]; records: Record<string, Cell>[] } {
  const rowsOf = ROWS[operationId];
  if (rowsOf === undefined) throw new Error(`no CSV form for ${operationId}`);
  const records = rowsOf(answer as Answer).map((row) => flatten(row));
  const columns = columnsOf(records.length > 0 ? records : rowsOf(EXAMPLES[operationId] as Answer).map((row) => flatten(row)));
  return { columns, records };
}
