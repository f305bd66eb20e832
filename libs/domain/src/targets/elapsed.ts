import { addDays, daysInclusive, endOfLocalDayExclusive, localDateOf, startOfLocalDay } from './calendar';

/**
 * How much of a period (calendar dates, both included, in a zone) has elapsed by `asOf`.
 *
 * `asOf` is inclusive to the millisecond: the state as of T holds what happened at T, so the time
 * covered is [start of the period, T + 1 ms). A date asOf (parseAsOf: the last millisecond of the
 * day) therefore covers that day whole, and as of a period's last date the period is over.
 *
 * Elapsed time is counted in calendar days, each day counting 1 whatever its length in hours:
 * the days of the period wholly covered, plus the covered share of the day under way, measured
 * against that day's real length (23 or 25 hours on a DST change). Chosen over "elapsed share of
 * the period's instants × its days" because it makes whole days exact: by the end of day k the
 * elapsed figure is exactly k even when the period spans a DST change, so the pace of a count
 * (n / elapsed days) never depends on the zone's clock changes, and an asOf date gives whole days.
 */

export interface InstantRange {
  readonly from: Date;
  readonly toExclusive: Date;
}

/** The instants of the dates start..end (both included): events with `from ≤ occurredAt < toExclusive` fall in it. */
export function periodRange(start: string, end: string, timeZone: string): InstantRange {
  daysInclusive(start, end); // rejects end < start
  return { from: startOfLocalDay(start, timeZone), toExclusive: endOfLocalDayExclusive(end, timeZone) };
}

function coveredUntil(asOf: Date): number {
  const ms = asOf.getTime();
  if (Number.isNaN(ms)) throw new RangeError('asOf is an invalid Date');
  return ms + 1;
}

/** True when the whole period lies at or before asOf (the period's last day is over). */
export function isPeriodOver(periodEnd: string, asOf: Date, timeZone: string): boolean {
  return coveredUntil(asOf) >= endOfLocalDayExclusive(periodEnd, timeZone).getTime();
}

/**
 * Days of the period elapsed by asOf, between 0 (asOf before the period) and the period's number of
 * days (asOf at or after its end); fractional while a day is under way. For 2024-01-01..2024-12-31 in
 * Asia/Ho_Chi_Minh: 183 as of 2024-07-01 (a date), 0.5 as of 2024-01-01T11:59:59.999+07:00.
 */
export function elapsedDays(periodStart: string, periodEnd: string, asOf: Date, timeZone: string): number {
  const total = daysInclusive(periodStart, periodEnd);
  const covered = coveredUntil(asOf);
  const { from, toExclusive } = periodRange(periodStart, periodEnd, timeZone);
  if (covered <= from.getTime()) return 0;
  if (covered >= toExclusive.getTime()) return total;
  const today = localDateOf(new Date(covered), timeZone);
  const dayStart = startOfLocalDay(today, timeZone).getTime();
  const dayEnd = endOfLocalDayExclusive(today, timeZone).getTime();
  return daysInclusive(periodStart, today) - 1 + (covered - dayStart) / (dayEnd - dayStart);
}

/** The instant `days` calendar days (possibly fractional) after the start of `start`; a fraction is a share of that day's real length. */
export function instantAfterDays(start: string, days: number, timeZone: string): Date {
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`days must be a finite number ≥ 0, got ${days}`);
  const whole = Math.floor(days);
  const date = addDays(start, whole);
  const dayStart = startOfLocalDay(date, timeZone).getTime();
  const fraction = days - whole;
  if (fraction === 0) return new Date(dayStart);
  const dayEnd = endOfLocalDayExclusive(date, timeZone).getTime();
  return new Date(dayStart + Math.round(fraction * (dayEnd - dayStart)));
}

export interface BaselineSpanInput {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly baselineStart: string;
  readonly baselineEnd: string;
  readonly asOf: Date;
  readonly timeZone: string;
}

/**
 * The span of the baseline matching the elapsed part of the period, for projecting a `changePct`
 * (CONTRACT.md §4: "against the same elapsed span of the baseline"): the same SHARE of the baseline,
 * from its start. With p of P period days elapsed, the span is the first p / P × B of the baseline's
 * B days. Same share rather than same number of days, so that a baseline of another length (2023's
 * 365 days against 2024's 366, or a quarter against a month) is compared like for like, and a period
 * over is compared with its whole baseline. Count baseline events with `from ≤ occurredAt < toExclusive`.
 */
export function baselineElapsedRange(input: BaselineSpanInput): InstantRange {
  const { periodStart, periodEnd, baselineStart, baselineEnd, asOf, timeZone } = input;
  const periodDays = daysInclusive(periodStart, periodEnd);
  const baselineDays = daysInclusive(baselineStart, baselineEnd);
  const elapsed = elapsedDays(periodStart, periodEnd, asOf, timeZone);
  const span = elapsed === periodDays ? baselineDays : (elapsed * baselineDays) / periodDays;
  return { from: startOfLocalDay(baselineStart, timeZone), toExclusive: instantAfterDays(baselineStart, span, timeZone) };
}
