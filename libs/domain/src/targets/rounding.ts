import { decimalOf, divideRounded, shift, toNumber } from './decimal';

const ONE = decimalOf(1);

/**
 * Rounds half away from zero (54.905 → 54.91, −0.125 → −0.13, 2.5 → 3), exactly on the decimal the
 * number was written as: 1.005 → 1.01 although 1.005 is stored as 1.00499999999999989….
 * A result of zero is +0.
 */
export function roundHalfAwayFromZero(value: number, decimals = 2): number {
  return toNumber(divideRounded(decimalOf(value), ONE, decimals));
}

/**
 * `100 × numerator / denominator`, rounded half away from zero to `decimals` places, computed exactly
 * (no binary product or quotient is ever rounded); null when the denominator is 0.
 * 241 / 439 → 54.9; −32.1 / −5.92 → 542.23.
 */
export function percentOf(numerator: number, denominator: number, decimals = 2): number | null {
  const divisor = decimalOf(denominator);
  if (divisor.units === 0n) return null;
  return toNumber(divideRounded(shift(decimalOf(numerator), 2), divisor, decimals));
}
