import { CASE_CATEGORIES, CASE_SEVERITIES, type CaseCategory, type CaseSeverity } from '@vigil/contract';
import { caseKey, type Values } from '../write/fact-delta';
import type { KeySums } from './sums';

export interface CaseFilter {
  readonly category?: CaseCategory | null;
  readonly severity?: readonly CaseSeverity[] | null;
}

/** The keys (`category|severity`) a case filter keeps, for a read to pick them (null: every key). */
export function caseKeysOf(filter: CaseFilter): readonly string[] | null {
  const severities = filter.severity && filter.severity.length > 0 ? filter.severity : null;
  if (!filter.category && severities === null) return null;
  const categories = filter.category ? [filter.category] : CASE_CATEGORIES;
  return categories.flatMap((category) => (severities ?? CASE_SEVERITIES).map((severity) => caseKey(category, severity)));
}

/** Sums the keys (`category|severity`) a case filter keeps. */
export function filteredTotal(sums: KeySums, filter: CaseFilter = {}): Values {
  let total: [number, number, number, number] = [0, 0, 0, 0];
  for (const [key, values] of sums) {
    const [category, severity] = key.split('|') as [CaseCategory, CaseSeverity];
    if (filter.category && category !== filter.category) continue;
    if (filter.severity && filter.severity.length > 0 && !filter.severity.includes(severity)) continue;
    total = [total[0] + values[0], total[1] + values[1], total[2] + values[2], total[3] + values[3]];
  }
  return total;
}

/** Sums every key, or the one kind asked. */
export function kindTotal(sums: KeySums, kind: string | null = null): Values {
  let total: [number, number, number, number] = [0, 0, 0, 0];
  for (const [key, values] of sums) {
    if (kind !== null && key !== kind) continue;
    total = [total[0] + values[0], total[1] + values[1], total[2] + values[2], total[3] + values[3]];
  }
  return total;
}
