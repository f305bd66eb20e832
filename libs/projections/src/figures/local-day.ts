import { localDateOf } from '@vigil/domain';

const HOUR_MS = 3_600_000;

/**
 * The calendar date in the zone of an instant (epoch ms), fast: facts are bucketed by day at tens of
 * thousands a second. The date is read from Intl once per hour of UTC time and trusted for the hour
 * when both its ends fall on the same date; any other hour (a midnight inside it, for zones with
 * offsets in half or quarter hours) is read exactly each time.
 */
export function localDayOf(timeZone: string): (instant: number) => string {
  const hours = new Map<number, string | null>();
  return (instant) => {
    const hour = Math.floor(instant / HOUR_MS);
    let day = hours.get(hour);
    if (day === undefined) {
      const first = localDateOf(new Date(hour * HOUR_MS), timeZone);
      day = first === localDateOf(new Date((hour + 1) * HOUR_MS - 1), timeZone) ? first : null;
      hours.set(hour, day);
    }
    return day ?? localDateOf(new Date(instant), timeZone);
  };
}
