import { localDateOf } from '@vigil/domain';

const HOUR_MS = 3_600_000;

/**
 * The calendar date in the zone of an instant (epoch ms), fast: facts are bucketed by day at tens of
 * thousands a second. The zone's offset is read from Intl once per hour of UTC time and trusted for the
 * hour when it is the same at both its ends; an hour with an offset change is read exactly.
 */
export function localDayOf(timeZone: string): (instant: number) => string {
  const offsets = new Map<number, number | null>();
  const offsetAt = (ms: number) => Date.parse(`${localDateTime(ms, timeZone)}Z`) - Math.floor(ms / 1000) * 1000;
  return (instant) => {
    const hour = Math.floor(instant / HOUR_MS);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const start = offsetAt(hour * HOUR_MS);
      offset = Number.isFinite(start) && start === offsetAt((hour + 1) * HOUR_MS - 1) ? start : null;
      offsets.set(hour, offset);
    }
    return offset === null ? localDateOf(new Date(instant), timeZone) : new Date(instant + offset).toISOString().slice(0, 10);
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DDTHH:mm:ss of the wall clock in the zone. */
function localDateTime(ms: number, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(ms).replace(' ', 'T');
}
