import { z } from 'zod';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

export function isRealCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear undoes that.
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Round-trips the date part through the calendar, so 2024-02-30 fails whatever a regex accepts. */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  return match !== null && isRealCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function isInstant(value: string): boolean {
  const match = INSTANT.exec(value);
  if (match === null) return false;
  const [, year, month, day, hour, minute, second, offsetHour = '00', offsetMinute = '00'] = match;
  return (
    isRealCalendarDate(Number(year), Number(month), Number(day)) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHour) <= 23 &&
    Number(offsetMinute) <= 59 &&
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
