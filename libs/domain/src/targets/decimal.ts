/**
 * Exact decimal arithmetic for the few operations progress needs (subtract, divide-and-round).
 *
 * A JavaScript number is binary: 1.005 is stored as 1.00499999999999989…, so `Math.round(x * 100) / 100`
 * gives 1 where a person writing 1.005 expects 1.01. Every figure Vigil rounds was written in decimal
 * (a count, a reading, a target value), and `String(x)` gives back the shortest decimal that denotes
 * the same number, i.e. the decimal it was written as. We take that decimal and compute on it exactly
 * with BigInt, so the result is the correctly rounded value of the decimal arithmetic, not of its
 * binary approximation.
 */

/** The exact decimal `units × 10^-scale`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/** The decimal a finite number was written as (its shortest round-trip form). */
export function decimalOf(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`expected a finite number, got ${value}`);
  const match = NUMBER_TEXT.exec(String(value));
  if (match === null) throw new RangeError(`cannot read ${value} as a decimal`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let units = BigInt(`${whole}${fraction}`);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -units : units, scale };
}

function atScale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: atScale(a, scale) - atScale(b, scale), scale };
}

/** `value × 10^power`, exactly. */
export function shift(value: Decimal, power: number): Decimal {
  const scale = value.scale - power;
  return scale >= 0 ? { units: value.units, scale } : { units: value.units * 10n ** BigInt(-scale), scale: 0 };
}

/** The nearest number to an exact decimal (a zero is always +0, never −0). */
export function toNumber(value: Decimal): number {
  if (value.units === 0n) return 0;
  const digits = (value.units < 0n ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const point = digits.length - value.scale;
  const text = value.scale === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return Number(value.units < 0n ? `-${text}` : text);
}

/** `dividend / divisor` rounded to `decimals` places, half away from zero, exactly; the divisor must not be zero. */
export function divideRounded(dividend: Decimal, divisor: Decimal, decimals: number): Decimal {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`decimals must be a whole number ≥ 0, got ${decimals}`);
  if (divisor.units === 0n) throw new RangeError('division by zero');
  // dividend / divisor × 10^decimals = dividend.units × 10^(divisor.scale − dividend.scale + decimals) / divisor.units
  const power = divisor.scale - dividend.scale + decimals;
  let numerator = dividend.units;
  let denominator = divisor.units;
  if (power >= 0) numerator *= 10n ** BigInt(power);
  else denominator *= 10n ** BigInt(-power);
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  if (2n * (n % d) >= d) quotient += 1n; // half (or more) of the last place rounds away from zero
  return { units: negative ? -quotient : quotient, scale: decimals };
}

export function add(a: Decimal, b: Decimal): Decimal {
  return subtract(a, { units: -b.units, scale: b.scale });
}

/** The sum of numbers written in decimal, exactly (0.1 + 0.2 is 0.3), then the nearest number to it; null for none. */
export function exactSum(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return toNumber(values.reduce<Decimal>((sum, value) => add(sum, decimalOf(value)), decimalOf(0)));
}
