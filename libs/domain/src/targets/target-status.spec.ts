import type { Comparator, MetricName } from '@vigil/contract';
import { parseAsOf } from './calendar';
import type { RawFigures } from './metric-value';
import { evaluateTarget } from './target-status';

const HCM = 'Asia/Ho_Chi_Minh';
const BEFORE = parseAsOf('2023-12-31', HCM); // the 2024 period has not begun
const MID = parseAsOf('2024-07-01', HCM); // 183 of 2024's 366 days
const END = parseAsOf('2024-12-31', HCM); // the period is over

const evaluate = (
  metric: MetricName,
  comparator: Comparator,
  value: number,
  asOf: Date,
  period: RawFigures,
  baselineElapsed?: number,
) =>
  evaluateTarget({
    metric,
    comparator,
    value,
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    asOf,
    timeZone: HCM,
    figures: { period, baselineElapsed },
  });

const count = (n: number) => ({ kind: 'count', count: n }) as const;
const change = (period: number, baseline: number) => ({ kind: 'changePct', period, baseline }) as const;

describe('evaluateTarget', () => {
  describe('a count, atLeast 100 cases in 2024', () => {
    it('is on_track when the pace reaches it: 50 in 183 of 366 days → 100', () => {
      expect(evaluate('cases.opened', 'atLeast', 100, MID, count(50))).toEqual({
        actual: 50,
        numerator: 50,
        denominator: null,
        attainmentPct: 50,
        status: 'on_track',
        projected: 100,
      });
    });

    it('is at_risk when it does not: 49 → 98', () => {
      expect(evaluate('cases.opened', 'atLeast', 100, MID, count(49))).toMatchObject({
        status: 'at_risk',
        projected: 98,
        attainmentPct: 49,
      });
    });

    it('is achieved as soon as it holds, the period running or not', () => {
      expect(evaluate('cases.opened', 'atLeast', 100, MID, count(120))).toMatchObject({
        status: 'achieved',
        attainmentPct: 120,
        projected: 240,
      });
      expect(evaluate('cases.opened', 'atLeast', 100, END, count(100))).toMatchObject({
        status: 'achieved',
        attainmentPct: 100,
        projected: null,
      });
    });

    it('is missed when the period is over short of it', () => {
      expect(evaluate('cases.opened', 'atLeast', 100, END, count(99))).toMatchObject({
        status: 'missed',
        attainmentPct: 99,
        projected: null,
      });
    });

    it('is on_track before the period begins: no pace to judge yet', () => {
      expect(evaluate('cases.opened', 'atLeast', 100, BEFORE, count(0))).toMatchObject({
        status: 'on_track',
        attainmentPct: 0,
        projected: null,
      });
    });

    it('judges the last day by the date asOf as over, and by its last millisecond but one as running', () => {
      const lastButOne = new Date(END.getTime() - 1); // 365 + 86,399,999/86,400,000 days elapsed
      expect(evaluate('cases.opened', 'atLeast', 100, lastButOne, count(99))).toMatchObject({ status: 'at_risk', projected: 99 });
    });
  });

  describe('a count or sum, atMost', () => {
    it('is achieved while it holds (the contract: the comparator holds), even with the period running', () => {
      expect(evaluate('cases.opened', 'atMost', 200, MID, count(150))).toMatchObject({ status: 'achieved', attainmentPct: 75 });
    });

    it('is at_risk once exceeded while running, missed when over', () => {
      expect(evaluate('cases.opened', 'atMost', 200, MID, count(210))).toMatchObject({
        status: 'at_risk',
        projected: 420,
        attainmentPct: 105,
      });
      expect(evaluate('cases.opened', 'atMost', 200, END, count(210))).toMatchObject({ status: 'missed', attainmentPct: 105 });
    });

    it('projects a sum like a count: 390 persons in half the year → 780 ≥ 741', () => {
      expect(evaluate('arrests.persons', 'atLeast', 741, MID, { kind: 'sum', sum: 390 })).toMatchObject({
        status: 'on_track',
        projected: 780,
      });
    });

    it('has no attainment against a value of 0', () => {
      expect(evaluate('cases.opened', 'atMost', 0, END, count(0))).toMatchObject({ status: 'achieved', attainmentPct: null });
    });
  });

  describe('a rate', () => {
    const prosecution = { kind: 'rate', numerator: 241, denominator: 439 } as const;

    it('is achieved on the answered figure: 241/439 → 54.90 ≥ 54.9', () => {
      expect(evaluate('cases.prosecutionRate', 'atLeast', 54.9, MID, prosecution)).toEqual({
        actual: 54.9,
        numerator: 241,
        denominator: 439,
        attainmentPct: 100,
        status: 'achieved',
        projected: 54.9,
      });
    });

    it('is taken as it is while running: 54.90 against 60 is at_risk, then missed', () => {
      expect(evaluate('cases.prosecutionRate', 'atLeast', 60, MID, prosecution)).toMatchObject({
        status: 'at_risk',
        projected: 54.9,
        attainmentPct: 91.5,
      });
      expect(evaluate('cases.prosecutionRate', 'atLeast', 60, END, prosecution)).toMatchObject({
        status: 'missed',
        attainmentPct: 91.5,
      });
    });

    it('clears "88.03 %" with 3,083/3,332 → 92.53, attainment 105.11', () => {
      expect(
        evaluate('cases.clearanceRate', 'atLeast', 88.03, END, { kind: 'rate', numerator: 3083, denominator: 3332 }),
      ).toMatchObject({ actual: 92.53, attainmentPct: 105.11, status: 'achieved' });
    });

    it('over nothing is null: at_risk while running, missed when over', () => {
      const none = { kind: 'rate', numerator: 0, denominator: 0 } as const;
      expect(evaluate('cases.clearanceRate', 'atLeast', 88.03, MID, none)).toMatchObject({
        actual: null,
        attainmentPct: null,
        status: 'at_risk',
        projected: null,
      });
      expect(evaluate('cases.clearanceRate', 'atLeast', 88.03, END, none)).toMatchObject({ actual: null, status: 'missed' });
    });
  });

  describe('a changePct, atMost −5.92 (a 5.92 % reduction on 2023)', () => {
    it('is achieved at −5.92 exactly: 439 → 413', () => {
      expect(evaluate('cases.changePct', 'atMost', -5.92, END, change(413, 439))).toEqual({
        actual: -5.92,
        numerator: -26,
        denominator: 439,
        attainmentPct: 100,
        status: 'achieved',
        projected: null,
      });
    });

    it('meets the contract: −32.1 against −5.92 is 542.23 %', () => {
      expect(evaluate('cases.changePct', 'atMost', -5.92, END, change(679, 1000))).toMatchObject({
        actual: -32.1,
        numerator: -321,
        denominator: 1000,
        attainmentPct: 542.23,
        status: 'achieved',
      });
    });

    it('is missed at −5.69: 439 → 414', () => {
      expect(evaluate('cases.changePct', 'atMost', -5.92, END, change(414, 439))).toMatchObject({
        actual: -5.69,
        attainmentPct: 96.11,
        status: 'missed',
      });
    });

    it('projects against the baseline over the same elapsed span', () => {
      // 414 so far against the whole 439 does not hold; against 450 over the same span it is −8
      expect(evaluate('cases.changePct', 'atMost', -5.92, MID, change(414, 439), 450)).toMatchObject({
        actual: -5.69,
        status: 'on_track',
        projected: -8,
      });
      // against 430: 100 × −16 / 430 = −3.72
      expect(evaluate('cases.changePct', 'atMost', -5.92, MID, change(414, 439), 430)).toMatchObject({
        status: 'at_risk',
        projected: -3.72,
      });
      // an empty baseline span cannot be projected
      expect(evaluate('cases.changePct', 'atMost', -5.92, MID, change(414, 439), 0)).toMatchObject({
        status: 'at_risk',
        projected: null,
      });
    });

    it('is achieved while running when the figure so far, against the whole baseline, holds (literal contract)', () => {
      // 230 so far against 2023's 439: −47.61 ≤ −5.92; the projection (230 against 220 over the same span) would not hold
      expect(evaluate('cases.changePct', 'atMost', -5.92, MID, change(230, 439), 220)).toMatchObject({
        actual: -47.61,
        status: 'achieved',
        projected: 4.55,
      });
    });

    it('needs the baseline over the elapsed span while running, and not once the period is over', () => {
      expect(() => evaluate('cases.changePct', 'atMost', -5.92, MID, change(230, 439))).toThrow(TypeError);
      expect(() => evaluate('incidents.changePct', 'atMost', -5.92, END, change(30, 31))).not.toThrow();
    });

    it('has no figure against an empty baseline: missed when over', () => {
      expect(evaluate('incidents.changePct', 'atMost', -5.92, END, change(5, 0))).toMatchObject({
        actual: null,
        attainmentPct: null,
        status: 'missed',
      });
    });
  });

  describe('a changePct, atLeast 37 (cases detected up 37 %)', () => {
    it('is achieved at 316 → 433 (37.03)', () => {
      expect(evaluate('cases.changePct', 'atLeast', 37, END, change(433, 316))).toMatchObject({
        actual: 37.03,
        numerator: 117,
        attainmentPct: 100.08,
        status: 'achieved',
      });
    });

    it('is on_track or at_risk by the same elapsed span of the baseline', () => {
      // 200 so far against the whole 316 is −36.71; against 140 over the same span, 42.86
      expect(evaluate('cases.changePct', 'atLeast', 37, MID, change(200, 316), 140)).toMatchObject({
        actual: -36.71,
        attainmentPct: -99.22,
        status: 'on_track',
        projected: 42.86,
      });
      // against 150: 33.33
      expect(evaluate('cases.changePct', 'atLeast', 37, MID, change(200, 316), 150)).toMatchObject({
        status: 'at_risk',
        projected: 33.33,
      });
    });
  });

  describe('a latest reading', () => {
    const eid = { kind: 'latest', reading: { value: 3156, denominator: 3332 } } as const;

    it('is a ratio of the reading: 3,156/3,332 → 94.72 against 90', () => {
      expect(evaluate('indicator.ratio', 'atLeast', 90, MID, eid)).toEqual({
        actual: 94.72,
        numerator: 3156,
        denominator: 3332,
        attainmentPct: 105.24,
        status: 'achieved',
        projected: 94.72,
      });
    });

    it('is the reading itself for indicator.value, taken as it is while running', () => {
      const hq = (value: number) => ({ kind: 'latest', reading: { value, denominator: 135 } }) as const;
      expect(evaluate('indicator.value', 'atLeast', 135, END, hq(135))).toMatchObject({
        actual: 135,
        attainmentPct: 100,
        status: 'achieved',
      });
      expect(evaluate('indicator.value', 'atLeast', 135, MID, hq(120))).toMatchObject({
        actual: 120,
        attainmentPct: 88.89,
        status: 'at_risk',
        projected: 120,
      });
    });

    it('without a reading is at_risk while running, on_track before, missed after', () => {
      const none = { kind: 'latest', reading: null } as const;
      expect(evaluate('indicator.value', 'atLeast', 135, MID, none)).toMatchObject({ actual: null, status: 'at_risk' });
      expect(evaluate('indicator.value', 'atLeast', 135, BEFORE, none)).toMatchObject({ actual: null, status: 'on_track' });
      expect(evaluate('indicator.value', 'atLeast', 135, END, none)).toMatchObject({ actual: null, status: 'missed' });
    });
  });

  describe('in a zone with DST', () => {
    it('paces by calendar days: 11 cases in 11 of Paris 2024-03-31’s 23 hours, of a 2-day period → 46', () => {
      const input = {
        metric: 'cases.opened',
        comparator: 'atLeast',
        periodStart: '2024-03-31',
        periodEnd: '2024-04-01',
        asOf: parseAsOf('2024-03-31T11:59:59.999+02:00', 'Europe/Paris'),
        timeZone: 'Europe/Paris',
        figures: { period: count(11) },
      } as const;
      expect(evaluateTarget({ ...input, value: 46 })).toMatchObject({ status: 'on_track', projected: 46 });
      expect(evaluateTarget({ ...input, value: 46.01 })).toMatchObject({ status: 'at_risk', projected: 46 });
    });
  });

  it('refuses figures that do not fit the metric, and a value that is not a number', () => {
    expect(() => evaluate('cases.prosecutionRate', 'atLeast', 50, MID, count(3))).toThrow(TypeError);
    expect(() => evaluate('cases.opened', 'atLeast', Number.NaN, MID, count(3))).toThrow(RangeError);
  });
});
