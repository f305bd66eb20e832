import { isCalendarDate, isInstant } from '@vigil/contract';

/**
 * Calendar dates in a time zone (CONTRACT.md §4: dates are calendar dates in VIGIL_TIMEZONE).
 *
 * A date is the string YYYY-MM-DD; an instant is a `Date` (or an ISO-8601 string with an offset).
 * The zone's offset at an instant is read from Intl, so zones with daylight saving time are exact:
 * in Europe/Paris 2024-03-31 lasts 23 hours and 2024-10-27 lasts 25; in America/Santiago
 * 2024-09-08 has no midnight (clocks jump from 00:00 to 01:00) and starts at 01:00.
 * Pure: no clock, no I/O; formatters are cached per zone.
 */

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for a zone Intl does not know. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) fields[part.type] = part.value;
  const year = Number(fields.year);
  return {
    year: fields.era === 'BC' || fields.era === 'B' ? 1 - year : year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
  };
}

/** The epoch milliseconds of a wall-clock reading taken as UTC (years 0–99 included, which Date.UTC maps to 19xx). */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/** The zone's offset from UTC at an instant, in milliseconds (wall clock − UTC). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wall = wallClockAt(epochMs, timeZone);
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return utcMs(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second) - wholeSecond;
}

function formatDate(year: number, month: number, day: number): string {
  const yyyy = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  return `${yyyy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads a YYYY-MM-DD date that exists; throws RangeError otherwise. */
function dateParts(date: string): [year: number, month: number, day: number] {
  if (!isCalendarDate(date)) throw new RangeError(`expected a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function epochMsOf(instant: string | Date): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`expected an instant, got ${JSON.stringify(String(instant))}`);
  return ms;
}

/** The calendar date, in the zone, of an instant: `2023-12-31T20:00:00Z` in Asia/Ho_Chi_Minh is `2024-01-01`. */
export function localDateOf(instant: string | Date, timeZone: string): string {
  const wall = wallClockAt(epochMsOf(instant), timeZone);
  return formatDate(wall.year, wall.month, wall.day);
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  const [year, month, day] = dateParts(date);
  const moved = new Date(utcMs(year, month, day) + days * DAY_MS);
  return formatDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** The number of calendar days from `start` to `end`, both included (2024-01-01..2024-12-31 → 366); end ≥ start. */
export function daysInclusive(start: string, end: string): number {
  const days = Math.round((utcMs(...dateParts(end)) - utcMs(...dateParts(start))) / DAY_MS) + 1;
  if (days < 1) throw new RangeError(`end ${end} is before start ${start}`);
  return days;
}

/**
 * The first instant whose calendar date in the zone is `date`: local midnight, or, where the clocks
 * jump over midnight, the instant of the jump; where midnight happens twice, the first one.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const midnight = utcMs(...dateParts(date)); // local midnight written as if it were UTC
  // The offset in force at local midnight is one of those around it (zones change offset at most
  // a few times a year, so a day either side covers every candidate).
  const offsets = [...new Set([midnight - DAY_MS, midnight, midnight + DAY_MS].map((ms) => offsetAt(ms, timeZone)))];
  const exact = offsets.map((offset) => midnight - offset).filter((ms) => offsetAt(ms, timeZone) === midnight - ms);
  if (exact.length > 0) return new Date(Math.min(...exact));
  // Midnight falls in a gap: find the jump, the first instant whose wall clock reads midnight or later.
  let before = midnight - Math.max(...offsets);
  let after = midnight - Math.min(...offsets);
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (mid + offsetAt(mid, timeZone) >= midnight) after = mid;
    else before = mid;
  }
  return new Date(after);
}

/** The first instant of the next day: the date covers [startOfLocalDay(date), endOfLocalDayExclusive(date)). */
export function endOfLocalDayExclusive(date: string, timeZone: string): Date {
  return startOfLocalDay(addDays(date, 1), timeZone);
}

/**
 * The instant an `asOf` parameter denotes (CONTRACT.md §5): a timestamp with an offset as it is; a date
 * means the end of that day in the zone, i.e. its last millisecond, so that "what had been recorded
 * by then" is `recordedAt ≤ asOf` in both cases (Vigil stamps recordedAt from a JavaScript Date, to the
 * millisecond, so nothing recorded on that day is left out). Throws RangeError for anything else.
 */
export function parseAsOf(asOf: string, timeZone: string): Date {
  if (isInstant(asOf)) return new Date(Date.parse(asOf));
  if (isCalendarDate(asOf)) return new Date(endOfLocalDayExclusive(asOf, timeZone).getTime() - 1);
  throw new RangeError(
    `asOf must be a timestamp with an offset (2024-03-01T08:00:00+07:00) or a date (2024-03-01), got ${JSON.stringify(asOf)}`,
  );
}
