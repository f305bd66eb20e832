import { percentOf, roundHalfAwayFromZero } from './rounding';

describe('roundHalfAwayFromZero', () => {
  it.each([
    [54.905, 54.91],
    [-0.125, -0.13],
    [542.2297297297297, 542.23],
    [54.89749430523918, 54.9],
    [-5.922551252847381, -5.92],
    [-2.5, -2.5],
    [99.995, 100],
    [-99.995, -100],
    [0.125, 0.13],
    [123.4, 123.4],
    [7, 7],
  ])('rounds %p to %p', (value, expected) => {
    expect(roundHalfAwayFromZero(value)).toBe(expected);
  });

  // Stored as 1.00499999999999989…, 1.25499999999999989…, 2.67499999999999982…, 1.04499999999999992…:
  // rounding the binary value (toFixed) goes down; the decimals they were written as round up.
  it.each([
    [1.005, 1.01],
    [-1.005, -1.01],
    [1.255, 1.26],
    [2.675, 2.68],
    [1.045, 1.05],
  ])('rounds the decimal %p was written as, to %p, where binary arithmetic would not', (value, expected) => {
    expect(Number(value.toFixed(2))).not.toBe(expected);
    expect(roundHalfAwayFromZero(value)).toBe(expected);
  });

  it('takes other numbers of decimals', () => {
    expect(roundHalfAwayFromZero(1.0005, 3)).toBe(1.001);
    expect(roundHalfAwayFromZero(0.5, 0)).toBe(1);
    expect(roundHalfAwayFromZero(2.5, 0)).toBe(3); // not to even
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe(-3);
    expect(roundHalfAwayFromZero(-0.5, 0)).toBe(-1);
    expect(roundHalfAwayFromZero(22.580645161290324, 1)).toBe(22.6);
  });

  it('reads exponent notation', () => {
    expect(roundHalfAwayFromZero(1e21)).toBe(1e21);
    expect(roundHalfAwayFromZero(5e-3)).toBe(0.01);
    expect(roundHalfAwayFromZero(4.9e-3)).toBe(0);
  });

  it('answers +0, never −0', () => {
    expect(Object.is(roundHalfAwayFromZero(-0.001), 0)).toBe(true);
    expect(Object.is(roundHalfAwayFromZero(-0), 0)).toBe(true);
  });

  it('rejects what is not a finite number, or a bad number of decimals', () => {
    expect(() => roundHalfAwayFromZero(Number.NaN)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(Infinity)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, -1)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, 1.5)).toThrow(RangeError);
  });
});

describe('percentOf', () => {
  it.each([
    // DOMAIN.md: "prosecution 241/439 cases, 54.4 %" — the arithmetic gives 54.90
    [241, 439, 54.9],
    // Project 06: "3,156/3,332 level-2 e-ID accounts, 94.72 %; 3,083/3,332 activated, 92.53 %"
    [3156, 3332, 94.72],
    [3083, 3332, 92.53],
    // "135/135 commune police headquarters"; "transformation success rate 75 %"
    [135, 135, 100],
    [3, 4, 75],
    // CONTRACT.md §4: a reduction target −5.92 met by −32.1
    [-32.1, -5.92, 542.23],
    // exact halves, which a binary quotient may land either side of
    [1, 800, 0.13],
    [-1, 800, -0.13],
    [1, -800, -0.13],
    [0.01005, 1, 1.01],
    [0, 5, 0],
  ])('100 × %p / %p is %p', (numerator, denominator, expected) => {
    expect(percentOf(numerator, denominator)).toBe(expected);
  });

  it('is null when the denominator is 0', () => {
    expect(percentOf(5, 0)).toBeNull();
    expect(percentOf(0, 0)).toBeNull();
  });
});
