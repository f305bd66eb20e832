import type { EvidenceItem } from '@vigil/contract';
import { indicatorSum } from '../indicator-figures';
import type { ReadContext } from '../read-context';
import { sliceOf, type EvidenceSlice } from './evidence-page';

/**
 * The readings that count for an indicator figure (indicatorSum's, the same call): `indicator.value` sums
 * every one's value, `indicator.ratio` the values of those with a denominator; denominators where given.
 */
export async function readingEvidence(
  context: ReadContext,
  metric: 'indicator.value' | 'indicator.ratio',
  query: {
    readonly unitId: string;
    readonly indicator: string;
    readonly from: number;
    readonly toExclusive: number;
    readonly after: string | null;
    readonly limit: number;
  },
): Promise<EvidenceSlice> {
  const sum = await indicatorSum(context, query.unitId, query.indicator, query.from, query.toExclusive);
  const items = sum.readings
    .filter((reading) => query.after === null || reading.eventId > query.after)
    .sort((a, b) => (a.eventId < b.eventId ? -1 : 1))
    .map((reading): EvidenceItem => ({
      kind: 'reading',
      id: reading.eventId,
      unitId: reading.unitId,
      occurredAt: new Date(reading.occurredAt).toISOString(),
      recordedAt: new Date(reading.recordedAt).toISOString(),
      positions: [Number(reading.position)],
      numerator: metric === 'indicator.ratio' && reading.denominator === null ? 0 : reading.value,
      denominator: reading.denominator ?? 0,
    }));
  return sliceOf(items, query.limit);
}
