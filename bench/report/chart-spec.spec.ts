import { caption, chartSpec, figurePoints, MEASURED } from './chart-spec';
import type { BenchResult } from './load-results';

const notImplemented = { state: 'not implemented yet' };

const first: BenchResult = {
  file: '2026-11-01T030000Z-aaaaaaa.json',
  date: '2026-11-01T03:00:00.000Z',
  commit: 'aaaaaaa',
  quick: false,
  figures: {
    'ceiling.copy': { state: 'measured', value: 90_000 },
    'ingest.rate': { state: 'measured', value: 5_000 },
    'relay.rate': notImplemented,
    'memory.peak': { state: 'measured', value: 400 },
  },
};

const second: BenchResult = {
  file: '2026-11-02T041500Z-bbbbbbb-dirty.json',
  date: '2026-11-02T04:15:30.000Z',
  commit: 'bbbbbbb-dirty',
  quick: false,
  figures: {
    'ceiling.copy': { state: 'measured', value: 80_000 },
    'ingest.rate': { state: 'measured', value: 7_000 },
    'relay.rate': notImplemented,
    'memory.peak': { state: 'failed', value: null },
  },
};

const FIRST = '2026-11-01 03:00 · aaaaaaa';
const SECOND = '2026-11-02 04:15 · bbbbbbb-dirty';
const COPY = 'ceiling: PostgreSQL COPY, rows/s';

interface Layer {
  mark: { type: string };
  encoding: Record<string, { field?: string; datum?: number; value?: unknown; sort?: unknown }>;
}
const layers = (spec: unknown) => (spec as { layer: Layer[] }).layer;
const values = (spec: unknown) => (spec as { data: { values: unknown[] } }).data.values;

describe('chartSpec', () => {
  it('plots each run that measured the figure, with the same run’s ceiling as a second series', () => {
    const spec = chartSpec('ingest.rate', [first, second]);

    expect(values(spec)).toEqual([
      { run: FIRST, series: MEASURED, value: 5_000 },
      { run: FIRST, series: COPY, value: 90_000 },
      { run: SECOND, series: MEASURED, value: 7_000 },
      { run: SECOND, series: COPY, value: 80_000 },
    ]);
    const [line] = layers(spec);
    expect(line!.mark.type).toBe('line');
    expect(line!.encoding.x).toMatchObject({ field: 'run', sort: [FIRST, SECOND] });
    expect(line!.encoding.y).toMatchObject({ field: 'value' });
    expect(line!.encoding.color).toMatchObject({ field: 'series', scale: { domain: [MEASURED, COPY] } });
  });

  it('draws the budget as a horizontal rule, labelled', () => {
    const [, rule, label] = layers(chartSpec('ingest.rate', [first, second]));

    expect(rule).toMatchObject({ mark: { type: 'rule' }, encoding: { y: { datum: 15_000 } } });
    expect(rule!.encoding.x).toBeUndefined();
    expect(label).toMatchObject({
      mark: { type: 'text' },
      encoding: { y: { datum: 15_000 }, text: { value: 'budget ≥ 15,000 events/s' } },
    });
  });

  it('skips the runs where the figure is null or failed, and has no ceiling series where the figure has none', () => {
    const spec = chartSpec('memory.peak', [first, second]);

    expect(values(spec)).toEqual([{ run: FIRST, series: MEASURED, value: 400 }]);
    expect(layers(spec)[1]).toMatchObject({ mark: { type: 'rule' }, encoding: { y: { datum: 1024 } } });
  });

  it('has no chart for a figure no run measured, and no rule for a figure without a budget', () => {
    expect(chartSpec('relay.rate', [first, second])).toBeUndefined();
    expect(figurePoints('relay.rate', [first, second])).toEqual([]);
    expect(layers(chartSpec('ceiling.copy', [first, second])).map((l) => l.mark.type)).toEqual(['line']);
  });
});

describe('caption', () => {
  it('gives the latest value against the budget and the ceiling', () => {
    expect(caption('ingest.rate', [first, second])).toBe(
      `latest 7,000 events/s, budget ≥ 15,000 events/s ✗ missed, 8.8 % of the copy ceiling (${SECOND}; 2 runs).`,
    );
    expect(caption('memory.peak', [first, second])).toBe(`latest 400 MiB, budget ≤ 1,024 MiB ✓ met (${FIRST}; 1 run).`);
    expect(caption('relay.rate', [first, second])).toBeUndefined();
  });
});
