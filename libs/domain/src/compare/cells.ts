import type { CompareCell } from '@vigil/contract';
import { decimalOf, subtract, toNumber } from '../targets/decimal';
import { percentOf, roundHalfAwayFromZero } from '../targets/rounding';

/** Beyond ±3 a change in a count is flagged (Poisson z-score, DOMAIN.md "How analysts compare"). */
export const FLAG_THRESHOLD = 3;

/** z = 2 × (√current − √previous), rounded half away from zero to 2 decimals. */
export function poissonZ(current: number, previous: number): number {
  return roundHalfAwayFromZero(2 * (Math.sqrt(current) - Math.sqrt(previous)));
}

/** `up` when z ≥ 3, `down` when z ≤ −3, else null; taken on the z answered (rounded). */
export function flagOf(z: number | null): 'up' | 'down' | null {
  if (z === null) return null;
  return z >= FLAG_THRESHOLD ? 'up' : z <= -FLAG_THRESHOLD ? 'down' : null;
}

/** A count against the year before: change, changePct (null when previous is 0), z and flag. */
export function countCell(current: number, previous: number): CompareCell {
  const change = current - previous;
  const z = poissonZ(current, previous);
  return { current, previous, change, changePct: percentOf(change, previous), z, flag: flagOf(z) };
}

/** A rate (percent, already rounded) against the year before: the change in points, exact; no changePct nor z. */
export function rateCell(current: number | null, previous: number | null): CompareCell {
  const change = current === null || previous === null ? null : toNumber(subtract(decimalOf(current), decimalOf(previous)));
  return { current, previous, change, changePct: null, z: null, flag: null };
}
