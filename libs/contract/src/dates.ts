import { z } from 'zod';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The proleptic Gregorian calendar, as JavaScript's Date keeps it (year 0 is a leap year). */
export function isRealCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** Round-trips the date part through the calendar, so 2024-02-30 fails whatever a regex accepts. */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  return match !== null && isRealCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The number written by `count` ASCII digits of `value` from `at`, or -1. */
function digitsAt(value: string, at: number, count: number): number {
  let number = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = value.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    number = number * 10 + digit;
  }
  return number;
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` naming a moment that exists. Read character by
 * character: every stored event's instants are checked again by every projection that decodes it.
 */
export function isInstant(value: string): boolean {
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return false;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':') return false;
  let at = 19;
  if (value[at] === '.') {
    const fraction = (at += 1);
    while (digitsAt(value, at, 1) >= 0) at += 1;
    if (at === fraction) return false;
  }
  let offsetOk: boolean;
  if (value[at] === 'Z') offsetOk = value.length === at + 1;
  else if (value[at] === '+' || value[at] === '-') {
    const offsetHour = digitsAt(value, at + 1, 2);
    const offsetMinute = digitsAt(value, at + 4, 2);
    offsetOk =
      value.length === at + 6 &&
      value[at + 3] === ':' &&
      offsetHour >= 0 &&
      offsetHour <= 23 &&
      offsetMinute >= 0 &&
      offsetMinute <= 59;
  } else offsetOk = false;
  return (
    offsetOk &&
    isRealCalendarDate(year, month, day) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    !Number.isNaN(Date.parse(value))
  );
}

const CALENDAR_DATE_MESSAGE = 'must be a calendar date YYYY-MM-DD that exists, e.g. 2024-03-01';
const INSTANT_MESSAGE =
  'must be an ISO-8601 timestamp with an offset that exists, e.g. 2024-03-01T08:00:00Z or 2024-03-01T15:00:00+07:00';

/** A calendar date (in the deployment's time zone, see CONTRACT.md §4). */
export const CalendarDateSchema = z.iso
  .date({ error: CALENDAR_DATE_MESSAGE, abort: true })
  .refine(isCalendarDate, { error: CALENDAR_DATE_MESSAGE });

/** A point in time; the offset is mandatory so it never depends on the reader's zone. */
export const InstantSchema = z.iso
  .datetime({ offset: true, error: INSTANT_MESSAGE, abort: true })
  .refine(isInstant, { error: INSTANT_MESSAGE });

export type CalendarDate = z.infer<typeof CalendarDateSchema>;
export type Instant = z.infer<typeof InstantSchema>;
