import { addDays, localDateOf, startOfLocalDay, type InstantRange } from '@vigil/domain';

/**
 * A range cut into the whole calendar months it covers, the whole days around them, and what is left
 * (the parts of a day at either end). Months are `YYYY-MM-01`, days `YYYY-MM-DD`.
 */
export interface RangeSplit {
  readonly months: string[];
  readonly days: string[];
  readonly rest: InstantRange[];
}

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const next = Number(month.slice(5, 7)) + 1;
  return next > 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${month.slice(0, 4)}-${String(next).padStart(2, '0')}-01`;
}

/** Whole periods (from `first`, each ending where `next` starts) inside [from, to), with the instants before and after them. */
function wholePeriods(range: InstantRange, first: string, next: (period: string) => string, timeZone: string) {
  const from = range.from.getTime();
  const to = range.toExclusive.getTime();
  let period = first;
  if (startOfLocalDay(period, timeZone).getTime() < from) period = next(period);
  const start = startOfLocalDay(period, timeZone);
  const periods: string[] = [];
  let end = start;
  for (; ; period = next(period)) {
    const periodEnd = startOfLocalDay(next(period), timeZone);
    if (periodEnd.getTime() > to) break;
    periods.push(period);
    end = periodEnd;
  }
  if (periods.length === 0) return { periods, rest: [range] };
  const rest: InstantRange[] = [];
  if (start.getTime() > from) rest.push({ from: range.from, toExclusive: start });
  if (end.getTime() < to) rest.push({ from: end, toExclusive: range.toExclusive });
  return { periods, rest };
}

/** The calendar months in the zone wholly inside [from, toExclusive), then the whole days of what is left, then the rest. */
export function splitRange(range: InstantRange, timeZone: string): RangeSplit {
  if (!(range.toExclusive.getTime() > range.from.getTime())) return { months: [], days: [], rest: [] };
  const byMonth = wholePeriods(range, monthStart(localDateOf(range.from, timeZone)), nextMonth, timeZone);
  const byDay = byMonth.rest.map((part) =>
    wholePeriods(part, localDateOf(part.from, timeZone), (day) => addDays(day, 1), timeZone),
  );
  return {
    months: byMonth.periods,
    days: byDay.flatMap((part) => part.periods),
    rest: byDay.flatMap((part) => part.rest),
  };
}
