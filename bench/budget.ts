/** The performance budget of ARCHITECTURE.md, on the 2-core machine where Kafka, PostgreSQL and Node share it. */
export interface Budget {
  readonly comparator: 'atLeast' | 'atMost';
  readonly value: number;
}

export type CeilingId = 'copy' | 'kafka';

export interface FigureSpec {
  readonly label: string;
  readonly unit: string;
  readonly budget?: Budget;
  /** The raw ceiling of the same machine this figure is compared with. */
  readonly ceiling?: CeilingId;
}

export const FIGURES = {
  'ceiling.copy': { label: 'ceiling: PostgreSQL COPY (unlogged, events-shaped)', unit: 'rows/s' },
  'ceiling.kafka': { label: 'ceiling: Kafka producer perf (500 B, acks=all)', unit: 'msgs/s' },
  'ingest.rate': {
    label: 'ingest, batches of 500 over HTTP → store',
    unit: 'events/s',
    budget: { comparator: 'atLeast', value: 15_000 },
    ceiling: 'copy',
  },
  'ingest.p50': { label: 'ingest batch latency p50', unit: 'ms' },
  'ingest.p99': { label: 'ingest batch latency p99', unit: 'ms' },
  'relay.rate': {
    label: 'relay, store → Kafka',
    unit: 'events/s',
    budget: { comparator: 'atLeast', value: 30_000 },
    ceiling: 'kafka',
  },
  'project.rate': {
    label: 'projector, Kafka → read models',
    unit: 'events/s',
    budget: { comparator: 'atLeast', value: 15_000 },
    ceiling: 'copy',
  },
  'rebuild.rate': {
    label: 'rebuild of every projection from the store',
    unit: 'events/s',
    budget: { comparator: 'atLeast', value: 40_000 },
    ceiling: 'copy',
  },
  'freshness.p99': {
    label: 'freshness: append → visible, at 1,000 events/s, p99',
    unit: 'ms',
    budget: { comparator: 'atMost', value: 200 },
  },
  'query.progress.p95': { label: 'directive progress query, p95', unit: 'ms', budget: { comparator: 'atMost', value: 50 } },
  'query.stats.p95': { label: 'unit stats query, p95', unit: 'ms', budget: { comparator: 'atMost', value: 50 } },
  'query.compare.p95': { label: 'compare (CompStat) query, p95', unit: 'ms', budget: { comparator: 'atMost', value: 100 } },
  'query.series.p95': { label: 'a year of daily series, p95', unit: 'ms', budget: { comparator: 'atMost', value: 100 } },
  'dashboard.scorecard': {
    label: 'dashboard: a province’s scorecard drawn, median',
    unit: 'ms',
    budget: { comparator: 'atMost', value: 1500 },
  },
  'memory.peak': {
    label: 'memory of the all-in-one process, peak RSS',
    unit: 'MiB',
    budget: { comparator: 'atMost', value: 1024 },
  },
} as const satisfies Record<string, FigureSpec>;

export type FigureId = keyof typeof FIGURES;

/** Figures renamed since older results files were written: old id → current id. */
export const RENAMED_FIGURES: Readonly<Record<string, FigureId>> = { 'query.p95': 'query.progress.p95' };

export function meets(budget: Budget, value: number): boolean {
  return budget.comparator === 'atLeast' ? value >= budget.value : value <= budget.value;
}
