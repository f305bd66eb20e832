import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RENAMED_FIGURES } from '../budget';

/** One figure of a results file as `npm run bench` writes it; `value` only when it was measured. */
export interface ResultFigure {
  readonly state: string;
  readonly value?: number | null;
}

/** The part of `bench/results/<date>-<commit>.json` the charts read. */
export interface BenchResult {
  readonly file: string;
  readonly date: string;
  readonly commit: string;
  readonly quick: boolean;
  readonly figures: Readonly<Record<string, ResultFigure>>;
}

export interface LoadedResults {
  /** Full runs, oldest first. */
  readonly results: BenchResult[];
  /** Files left out, with the reason: quick runs (small sizes, not comparable) and unreadable files. */
  readonly skipped: { file: string; reason: string }[];
}

function parse(file: string, text: string): BenchResult | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  const { date, commit, quick, figures } = (json ?? {}) as Record<string, unknown>;
  if (typeof date !== 'string' || Number.isNaN(Date.parse(date))) return 'no date';
  if (typeof figures !== 'object' || figures === null) return 'no figures';
  return {
    file,
    date,
    commit: typeof commit === 'string' ? commit : 'unknown',
    quick: quick === true,
    figures: currentIds(figures as Record<string, ResultFigure>),
  };
}

/** The figures under their current ids: a file written before a rename keeps its history on the same chart. */
function currentIds(figures: Record<string, ResultFigure>): Record<string, ResultFigure> {
  return Object.fromEntries(Object.entries(figures).map(([id, figure]) => [RENAMED_FIGURES[id] ?? id, figure]));
}

/** Every `*.json` of `dir`: the full runs sorted by date, quick runs and unreadable files skipped. */
export function loadResults(dir: string): LoadedResults {
  const results: BenchResult[] = [];
  const skipped: { file: string; reason: string }[] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const result = parse(file, readFileSync(join(dir, file), 'utf8'));
    if (typeof result === 'string') skipped.push({ file, reason: result });
    else if (result.quick) skipped.push({ file, reason: 'quick run' });
    else results.push(result);
  }
  results.sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  return { results, skipped };
}
