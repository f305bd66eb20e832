import type { SeriesAnswer } from '../../api/types';

export interface MonthRow {
  month: number;
  current: number | null;
  previous: number | null;
}

/** Month 1–12 of a bucket (`2024-03` or `2024-03-01`). */
const monthOf = (bucket: string) => Number(bucket.slice(5, 7));

/** Twelve rows, this year's months beyond the reference day left empty (not zero: not yet happened). */
export function monthRows(current: SeriesAnswer, previous: SeriesAnswer): MonthRow[] {
  const byMonth = (series: SeriesAnswer) => new Map(series.points.map((point) => [monthOf(point.bucket), point.value]));
  const now = byMonth(current);
  const then = byMonth(previous);
  return Array.from({ length: 12 }, (_, index) => ({
    month: index + 1,
    current: now.get(index + 1) ?? null,
    previous: then.get(index + 1) ?? null,
  }));
}
