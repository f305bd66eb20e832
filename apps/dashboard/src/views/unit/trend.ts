import type { SeriesAnswer } from '../../api/types';

export interface MonthRow {
  month: number;
  current: number | null;
  previous: number | null;
}

/**
 * Twelve rows from one monthly series that runs from 1 January of last year: this year's months beside
 * last year's. A month the series does not reach (after the reference day) is empty, not zero; so is a
 * rate with nothing to divide (null in the answer).
 */
export function monthRows(series: SeriesAnswer, year: number): MonthRow[] {
  const value = new Map(series.points.map((point) => [point.bucket.slice(0, 7), point.value]));
  const month = (y: number, m: number) => value.get(`${y}-${String(m).padStart(2, '0')}`) ?? null;
  return Array.from({ length: 12 }, (_, index) => ({
    month: index + 1,
    current: month(year, index + 1),
    previous: month(year - 1, index + 1),
  }));
}
