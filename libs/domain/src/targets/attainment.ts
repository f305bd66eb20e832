import type { Comparator } from '@vigil/contract';
import { percentOf } from './rounding';

/**
 * attainmentPct = 100 × actual / value, rounded half away from zero to 2 decimals (CONTRACT.md §4);
 * null when actual is null or value is 0. Computed on the `actual` the API answers (already rounded),
 * so anyone can check the answer from its own figures: a reduction target −5.92 met by −32.1 → 542.23.
 */
export function attainmentPct(actual: number | null, value: number): number | null {
  if (actual === null) return null;
  return percentOf(actual, value);
}

/** Whether the comparator holds: atLeast → figure ≥ value, atMost → figure ≤ value; never for a null figure. */
export function comparatorHolds(comparator: Comparator, figure: number | null, value: number): boolean {
  if (figure === null) return false;
  switch (comparator) {
    case 'atLeast':
      return figure >= value;
    case 'atMost':
      return figure <= value;
  }
}
