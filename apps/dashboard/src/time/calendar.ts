import type { TimeSelection } from '../api/endpoints';

const DAY = 86_400_000;

/** A local calendar date YYYY-MM-DD. */
export function localDate(instant: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/** The day the figures stand on: `at`, else the day of `asOf`, else today. */
export function referenceDate(time: TimeSelection, now: Date): string {
  if (time.at) return time.at;
  return localDate(time.asOf ? new Date(time.asOf) : now);
}

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);

/** How much of the period [start, end] (both included) has gone by on `on`. */
export function periodElapsed(start: string, end: string, on: string): { days: number; total: number; pct: number } {
  const total = dayNumber(end) - dayNumber(start) + 1;
  const days = Math.min(total, Math.max(0, dayNumber(on) - dayNumber(start) + 1));
  return { days, total, pct: total > 0 ? Math.round((1000 * days) / total) / 10 : 0 };
}

/** The value of an <input type="datetime-local"> for an instant, in the browser's zone. */
export function toLocalInput(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDate(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** An <input type="datetime-local"> value (browser's zone) as an ISO instant. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
