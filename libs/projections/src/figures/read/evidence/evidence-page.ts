import type { EvidenceItem } from '@vigil/contract';

/** Items of one source (one target reads one), by id after the cursor; one more than a page says there is a next. */
export interface EvidenceSlice {
  readonly items: EvidenceItem[];
  readonly more: boolean;
}

export const sliceOf = (items: EvidenceItem[], limit: number): EvidenceSlice => ({
  items: items.slice(0, limit),
  more: items.length > limit,
});

/** Positions as the database gives them (bigint text), sorted. */
export const positionsOf = (positions: readonly (string | number)[]): number[] =>
  [...new Set(positions.map(Number))].sort((a, b) => a - b);
