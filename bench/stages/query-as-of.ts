// Pure: the knowledge times (`asOf`) the query mix asks as of, picked from when the events were recorded.

/** Shares of the events, in recorded order, whose recordedAt the mix asks as of. */
export const KNOWN_SHARES = { third: 1 / 3, half: 1 / 2, twoThirds: 2 / 3 } as const;

/** The recordedAt (ISO) by which each share of the events had been recorded. */
export type RecordedSample = Record<keyof typeof KNOWN_SHARES, string>;

/**
 * The 0-based rank in recorded order of the event whose recordedAt stands for `share` of `count`
 * events: as PostgreSQL's `percentile_disc(share)` picks it (the first with a cumulative share ≥ `share`).
 */
export function rankOfShare(share: number, count: number): number {
  return Math.max(0, Math.ceil(share * count) - 1);
}

/** `YYYY-MM-DD` of the instant in `timeZone`. */
export function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

/**
 * Two moments, when a third and when two thirds of the events had been recorded, and a date (the day,
 * in the deployment's zone, by which half had been): the date means the end of that day (CONTRACT.md §5).
 * Fixed calendar moments would miss the data: ingest records every event at the time of the run.
 */
export function asOfMoments(sample: RecordedSample, timeZone: string): string[] {
  return [sample.third, sample.twoThirds, localDate(sample.half, timeZone)];
}
