import { localDateOf, startOfLocalDay, type InstantRange } from '../progress';

/** A range cut into the whole calendar months it covers (first days, `YYYY-MM-01`) and what is left at either end. */
export interface MonthSplit {
  readonly months: string[];
  readonly rest: InstantRange[];
}

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const next = Number(month.slice(5, 7)) + 1;
  return next > 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${month.slice(0, 4)}-${String(next).padStart(2, '0')}-01`;
}

/** The calendar months in the zone wholly inside [from, toExclusive), and the instants before and after them. */
export function splitByMonths(range: InstantRange, timeZone: string): MonthSplit {
  const from = range.from.getTime();
  const to = range.toExclusive.getTime();
  if (!(to > from)) return { months: [], rest: [] };
  let month = monthStart(localDateOf(range.from, timeZone));
  if (startOfLocalDay(month, timeZone).getTime() < from) month = nextMonth(month);
  const start = startOfLocalDay(month, timeZone);
  const months: string[] = [];
  let end = start;
  for (; ; month = nextMonth(month)) {
    const monthEnd = startOfLocalDay(nextMonth(month), timeZone);
    if (monthEnd.getTime() > to) break;
    months.push(month);
    end = monthEnd;
  }
  if (months.length === 0) return { months, rest: [range] };
  const rest: InstantRange[] = [];
  if (start.getTime() > from) rest.push({ from: range.from, toExclusive: start });
  if (end.getTime() < to) rest.push({ from: end, toExclusive: range.toExclusive });
  return { months, rest };
}
