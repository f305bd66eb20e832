import type { MetricName, TargetFilter } from '../../api/types';
import type { Format } from '../../i18n/format';
import type { Messages } from '../../i18n/messages-en';

/** Metrics whose figures are percentages (rates, ratios, changes): CONTRACT §4. */
const PERCENT: Record<MetricName, boolean> = {
  'cases.opened': false,
  'cases.cleared': false,
  'cases.clearanceRate': true,
  'cases.changePct': true,
  'arrests.persons': false,
  'cases.prosecutionRate': true,
  'hotspots.transformed': false,
  'hotspots.transformationRate': true,
  'hotspots.eliminationRate': true,
  'weapons.collected': false,
  'indicator.ratio': true,
  'indicator.value': false,
  'incidents.changePct': true,
};

export const isPercentMetric = (metric: MetricName) => PERCENT[metric];
export const isIndicatorMetric = (metric: MetricName) => metric.startsWith('indicator.');

export function formatFigure(metric: MetricName, value: number | null, format: Format): string {
  return isPercentMetric(metric) ? format.percent(value) : format.number(value);
}

/** "Clearance rate · drugs, serious": the metric and what its filter narrows it to. */
export function targetLabel(metric: MetricName, filter: TargetFilter | null, t: Messages): string {
  const parts: string[] = [];
  if (filter?.category) parts.push(t.category[filter.category]);
  if (filter?.severity?.length) parts.push(filter.severity.map((severity) => t.severity[severity]).join(', '));
  if (filter?.hotspotKind) parts.push(t.hotspotKind[filter.hotspotKind]);
  if (filter?.kind) parts.push(t.incidentKind[filter.kind]);
  if (filter?.indicator) parts.push(filter.indicator);
  return [t.metric[metric], ...parts].join(' · ');
}

/** The filter as `key=value` pairs, for the CSV. */
export function filterText(filter: TargetFilter | null): string {
  if (!filter) return '';
  return Object.entries(filter)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('|') : String(value)}`)
    .join('; ');
}
