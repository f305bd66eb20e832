/**
 * The simulated time line: day 0 is 2024-01-01 in Vietnam; an instant is a day and a minute of
 * local time (UTC+7), written either with its +07:00 offset or in UTC as some upstream systems do.
 */
export const FIRST_DAY = '2024-01-01';
export const DAYS = 731; // 2024 (leap) and 2025
const MINUTES_PER_DAY = 24 * 60;
const EPOCH_MS = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;
const OFFSET_MS = 7 * 3_600_000;

export interface LocalTime {
  readonly day: number;
  readonly minute: number;
}

/** The day index of a local calendar date `YYYY-MM-DD`. */
export function dayOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(year, month - 1, day) - EPOCH_MS) / DAY_MS);
}

export function dateOf(day: number): string {
  return new Date(EPOCH_MS + day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  return new Date(EPOCH_MS + day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday. */
export function weekdayOf(day: number): number {
  return new Date(EPOCH_MS + day * DAY_MS).getUTCDay();
}

export function instant({ day, minute }: LocalTime, utc = false): string {
  const localMs = EPOCH_MS + day * DAY_MS + Math.min(minute, MINUTES_PER_DAY - 1) * 60_000;
  if (utc) return `${new Date(localMs - OFFSET_MS).toISOString().slice(0, 19)}Z`;
  return `${new Date(localMs).toISOString().slice(0, 19)}+07:00`;
}

export function randomMinute(next: () => number): number {
  // Most reports are filed in office hours; incidents happen at any time.
  return next() < 0.75 ? 7 * 60 + Math.floor(next() * 11 * 60) : Math.floor(next() * MINUTES_PER_DAY);
}
