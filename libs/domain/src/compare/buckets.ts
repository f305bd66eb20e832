import type { Grain } from '@vigil/contract';
import { addDays } from '../targets/calendar';
import { mondayOf } from './windows';

const nextMonth = (month: string) => {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
};

/** The first day of the bucket a date falls in: the day, the Monday of its ISO week, or the 1st of its month. */
export function bucketOf(date: string, grain: Grain): string {
  if (grain === 'day') return date;
  if (grain === 'week') return mondayOf(date);
  return `${date.slice(0, 7)}-01`;
}

/** Every bucket [from, to] touches, in order (the first may start before `from`, the last end after `to`). */
export function bucketsOf(from: string, to: string, grain: Grain): string[] {
  const buckets: string[] = [];
  for (let bucket = bucketOf(from, grain); bucket <= to;) {
    buckets.push(bucket);
    bucket = grain === 'day' ? addDays(bucket, 1) : grain === 'week' ? addDays(bucket, 7) : nextMonth(bucket);
  }
  return buckets;
}
