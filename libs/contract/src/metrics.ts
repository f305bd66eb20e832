import { z } from 'zod';

export const METRIC_KINDS = ['count', 'sum', 'rate', 'changePct', 'latest'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

/** Keys a target's `filter` may hold; `kind` is the incident kind of `incidents.changePct` (§4). */
export const FILTER_KEYS = ['category', 'severity', 'hotspotKind', 'indicator', 'kind'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface MetricDefinition {
  readonly kind: MetricKind;
  readonly allowedFilters: readonly FilterKey[];
  readonly requiredFilters: readonly FilterKey[];
  readonly needsBaseline: boolean;
  readonly description: string;
}

const CASE_FILTERS = ['category', 'severity'] as const;

/** The catalogue of CONTRACT.md §4. */
export const METRICS = {
  'cases.opened': {
    kind: 'count',
    allowedFilters: CASE_FILTERS,
    requiredFilters: [],
    needsBaseline: false,
    description: 'count of cases opened in the period',
  },
  'cases.cleared': {
    kind: 'count',
    allowedFilters: CASE_FILTERS,
    requiredFilters: [],
    needsBaseline: false,
    description: 'count of cases opened in the period that are cleared',
  },
  'cases.clearanceRate': {
    kind: 'rate',
    allowedFilters: CASE_FILTERS,
    requiredFilters: [],
    needsBaseline: false,
    description: '100 × cleared / opened, of the cases opened in the period',
  },
  'cases.changePct': {
    kind: 'changePct',
    allowedFilters: CASE_FILTERS,
    requiredFilters: [],
    needsBaseline: true,
    description: '100 × (opened in period − opened in baseline) / opened in baseline; a reduction is negative',
  },
  'arrests.persons': {
    kind: 'sum',
    allowedFilters: CASE_FILTERS,
    requiredFilters: [],
    needsBaseline: false,
    description: 'sum of persons arrested in the period (filters apply to the case)',
  },
  'cases.prosecutionRate': {
    kind: 'rate',
    allowedFilters: CASE_FILTERS,
    requiredFilters: [],
    needsBaseline: false,
    description: '100 × prosecuted / opened, of the cases opened in the period',
  },
  'hotspots.transformed': {
    kind: 'count',
    allowedFilters: ['hotspotKind'],
    requiredFilters: [],
    needsBaseline: false,
    description: 'hotspots transformed in the period and not relapsed since',
  },
  'hotspots.transformationRate': {
    kind: 'rate',
    allowedFilters: ['hotspotKind'],
    requiredFilters: [],
    needsBaseline: false,
    description: "100 × transformed (not relapsed) / listed for the period's year",
  },
  'hotspots.eliminationRate': {
    kind: 'rate',
    allowedFilters: ['hotspotKind'],
    requiredFilters: [],
    needsBaseline: false,
    description: '100 × eliminated / identified',
  },
  'weapons.collected': {
    kind: 'sum',
    allowedFilters: [],
    requiredFilters: [],
    needsBaseline: false,
    description: 'sum of items collected in the period',
  },
  'indicator.ratio': {
    kind: 'latest',
    allowedFilters: ['indicator'],
    requiredFilters: ['indicator'],
    needsBaseline: false,
    description: '100 × value / denominator of the latest reading in the period',
  },
  'indicator.value': {
    kind: 'latest',
    allowedFilters: ['indicator'],
    requiredFilters: ['indicator'],
    needsBaseline: false,
    description: 'value of the latest reading in the period',
  },
  'incidents.changePct': {
    kind: 'changePct',
    allowedFilters: ['kind'],
    requiredFilters: [],
    needsBaseline: true,
    description: 'as cases.changePct, for incidents recorded',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as [MetricName, ...MetricName[]];
export const MetricNameSchema = z.enum(METRIC_NAMES);

export function metricDefinition(name: MetricName): MetricDefinition {
  return METRICS[name];
}
