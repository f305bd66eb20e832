import type { CompareWindow } from '@vigil/contract';
import { addDays } from '../targets/calendar';

/** Calendar dates, both included. */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

export interface CompareWindowRanges {
  readonly current: DateRange;
  readonly previous: DateRange;
}

/** The same calendar date one year earlier; 29 February maps to 28 February (CONTRACT.md §5, Compare). */
export function yearEarlier(date: string): string {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const monthDay = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${year}-${monthDay}`;
}

const dayOfWeek = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The Monday of the ISO week of a date. */
export function mondayOf(date: string): string {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;
const firstOfYear = (date: string) => `${date.slice(0, 4)}-01-01`;

const earlier = (range: DateRange): DateRange => ({ from: yearEarlier(range.from), to: yearEarlier(range.to) });

/**
 * The four CompStat windows ending on `at`: `week` (Monday to at), `28d` (the 28 days ending at), `month`
 * (month to date), `ytd` (year to date), each against the same calendar dates one year earlier.
 */
export function compareWindows(at: string): Record<CompareWindow, CompareWindowRanges> {
  const current: Record<CompareWindow, DateRange> = {
    week: { from: mondayOf(at), to: at },
    '28d': { from: addDays(at, -27), to: at },
    month: { from: firstOfMonth(at), to: at },
    ytd: { from: firstOfYear(at), to: at },
  };
  return {
    week: { current: current.week, previous: earlier(current.week) },
    '28d': { current: current['28d'], previous: earlier(current['28d']) },
    month: { current: current.month, previous: earlier(current.month) },
    ytd: { current: current.ytd, previous: earlier(current.ytd) },
  };
}
