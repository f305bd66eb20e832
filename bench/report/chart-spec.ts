// Pure: the vega-lite spec of one figure across runs, and its caption. Rendering is render-charts.ts.
import type { TopLevelSpec } from 'vega-lite';
import { FIGURES, meets, type FigureId, type FigureSpec } from '../budget';
import type { BenchResult } from './load-results';
import { formatNumber } from './progress';

export const MEASURED = 'measured';

/** One point of a chart: a run on x, a series (the figure or its ceiling) and the value on y. */
export interface ChartPoint {
  readonly run: string;
  readonly series: string;
  readonly value: number;
}

/** Runs up to which the x labels stay horizontal (two lines of ~110 px each in 640 px). */
const FLAT_LABELS = 5;

const COLORS = { measured: '#1f6fb4', ceiling: '#8c8c8c', budget: '#d62728' };

/** The value of a figure in one run, when it was measured (not 'not implemented yet', failed or null). */
export function measuredValue(result: BenchResult, figure: string): number | undefined {
  const value = result.figures[figure]?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `2026-11-24 03:32 · 0a45d8f-dirty` (UTC), with ` #2`, ` #3` … when two runs would share a label. */
export function runLabels(results: readonly BenchResult[]): string[] {
  const seen = new Map<string, number>();
  return results.map((result) => {
    const label = `${result.date.slice(0, 16).replace('T', ' ')} · ${result.commit}`;
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    return count === 1 ? label : `${label} #${count}`;
  });
}

const spec = (figure: FigureId): FigureSpec => FIGURES[figure];
const ceilingOf = (figure: FigureId) => spec(figure).ceiling;

/** The name of the ceiling series in the legend, e.g. `ceiling: PostgreSQL COPY, rows/s` (its details are in its own chart). */
export function ceilingSeries(figure: FigureId): string | undefined {
  const ceiling = ceilingOf(figure);
  if (!ceiling) return undefined;
  const raw = FIGURES[`ceiling.${ceiling}`];
  const name = raw.label.replace(/ \(.*\)$/, '');
  return raw.unit === spec(figure).unit ? name : `${name}, ${raw.unit}`;
}

/** The runs that measured the figure, each with its value and, where the figure has one, the same run's ceiling. */
export function figurePoints(figure: FigureId, results: readonly BenchResult[]): ChartPoint[] {
  const labels = runLabels(results);
  const ceiling = ceilingOf(figure);
  return results.flatMap((result, i): ChartPoint[] => {
    const value = measuredValue(result, figure);
    if (value === undefined) return [];
    const points: ChartPoint[] = [{ run: labels[i]!, series: MEASURED, value }];
    const raw = ceiling ? measuredValue(result, `ceiling.${ceiling}`) : undefined;
    if (raw !== undefined) points.push({ run: labels[i]!, series: ceilingSeries(figure)!, value: raw });
    return points;
  });
}

export function budgetText(figure: FigureId): string | undefined {
  const { budget, unit } = spec(figure);
  return budget && `budget ${budget.comparator === 'atLeast' ? '≥' : '≤'} ${formatNumber(budget.value)} ${unit}`;
}

/**
 * One line per series over the runs that measured the figure (x: run date and commit, in order; y: the
 * value), the budget as a dashed horizontal rule; undefined when no run measured the figure.
 */
export function chartSpec(figure: FigureId, results: readonly BenchResult[]): TopLevelSpec | undefined {
  const points = figurePoints(figure, results);
  if (points.length === 0) return undefined;
  const { label, unit, budget } = spec(figure);
  const runs = [...new Set(points.map((p) => p.run))];
  const series = [MEASURED, ...(ceilingSeries(figure) ? [ceilingSeries(figure)!] : [])];
  const rule = budget && budgetText(figure);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: label, subtitle: `${figure}, ${unit}${rule ? `; ${rule}` : ''}`, anchor: 'start' },
    background: 'white',
    padding: 16,
    width: 640,
    height: 280,
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      {
        mark: { type: 'line', point: { filled: true, size: 70 }, strokeWidth: 2 },
        encoding: {
          x: {
            field: 'run',
            type: 'ordinal',
            sort: runs,
            title: 'run (UTC date · commit)',
            // Date over commit while they fit side by side; slanted, on one line, beyond a few runs.
            axis:
              runs.length <= FLAT_LABELS
                ? { labelAngle: 0, labelExpr: "split(datum.label, ' · ')", labelLimit: 160 }
                : { labelAngle: -40, labelAlign: 'right', labelBaseline: 'top', labelLimit: 0 },
          },
          y: { field: 'value', type: 'quantitative', title: unit, scale: { zero: true }, axis: { format: ',~r' } },
          color: {
            field: 'series',
            type: 'nominal',
            scale: { domain: series, range: [COLORS.measured, COLORS.ceiling] },
            legend: { orient: 'bottom', title: null, labelLimit: 0 },
          },
        },
      },
      ...(budget
        ? [
            {
              mark: { type: 'rule' as const, color: COLORS.budget, strokeDash: [6, 4], strokeWidth: 2 },
              encoding: { y: { datum: budget.value, type: 'quantitative' as const } },
            },
            {
              mark: { type: 'text' as const, color: COLORS.budget, align: 'right' as const, baseline: 'bottom' as const, dy: -4 },
              encoding: {
                x: { value: 'width' as const },
                y: { datum: budget.value, type: 'quantitative' as const },
                text: { value: rule! },
              },
            },
          ]
        : []),
    ],
  };
}

/** One line under the chart: the latest value against the budget and the ceiling, over how many runs. */
export function caption(figure: FigureId, results: readonly BenchResult[]): string | undefined {
  const measured = results.filter((r) => measuredValue(r, figure) !== undefined);
  const latest = measured.at(-1);
  if (!latest) return undefined;
  const { unit, budget } = spec(figure);
  const value = measuredValue(latest, figure)!;
  const parts = [`latest ${formatNumber(value, unit === 'ms' && value < 10 ? 1 : 0)} ${unit}`];
  if (budget) parts.push(`${budgetText(figure)} ${meets(budget, value) ? '✓ met' : '✗ missed'}`);
  const ceiling = ceilingOf(figure);
  const raw = ceiling && measuredValue(latest, `ceiling.${ceiling}`);
  if (raw) parts.push(`${((100 * value) / raw).toFixed(1)} % of the ${ceiling} ceiling`);
  const runs = measured.length === 1 ? '1 run' : `${measured.length} runs`;
  return `${parts.join(', ')} (${runLabels(results)[results.indexOf(latest)]}; ${runs}).`;
}
