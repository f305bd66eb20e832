import { addDays } from '@vigil/domain';

/** Calendar dates, both included. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
const lastDayOfMonth = (month: string) => addDays(`${nextMonth(month)}`, -1);

function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The whole months of a range (first days) and the days left at either end: what the day and month sums read. */
export function monthsAndDays(range: DayRange): { months: string[]; days: string[] } {
  const months: string[] = [];
  const days: string[] = [];
  let day = range.from;
  while (day <= range.to) {
    const month = monthOf(day);
    const end = lastDayOfMonth(month);
    if (day === month && end <= range.to) {
      months.push(month);
      day = addDays(end, 1);
    } else {
      days.push(day);
      day = addDays(day, 1);
    }
  }
  return { months, days };
}

/** Every day of a range, in order. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The range cut at `to` (empty: null). */
export function cutAt(range: DayRange, to: string | null): DayRange | null {
  if (to === null || to >= range.to) return range;
  return to < range.from ? null : { from: range.from, to };
}
