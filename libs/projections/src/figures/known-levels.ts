/**
 * Knowledge-time levels of `rollup_known` (README "The figures engine"): the rollup deltas summed by
 * UTC day, hour, minute, ten seconds and second of when they became known. Each level nests in the one
 * before, so the deltas known by an instant T are: the days before T's day, the hours of T's day before
 * its hour, its minutes before T's minute, and so on down to the raw deltas of `rollup_log` in T's own
 * second. A cell's answer as known at T reads its days and at most 23 + 59 + 5 + 9 rows of the finer
 * levels, however long the log.
 */
export const KNOWN_LEVELS = [
  { level: 'D', ms: 86_400_000 },
  { level: 'h', ms: 3_600_000 },
  { level: 'm', ms: 60_000 },
  { level: 't', ms: 10_000 },
  { level: 's', ms: 1_000 },
] as const;

export type KnownLevel = (typeof KNOWN_LEVELS)[number]['level'];

/** The start of the level's span that holds `ms` (UTC spans; ±infinity stays itself). */
export const spanStart = (ms: number, spanMs: number): number => (Number.isFinite(ms) ? Math.floor(ms / spanMs) * spanMs : ms);

/** What the deltas known by `knownAt` read: each level's spans in [from, to), then the raw deltas in [rawFrom, knownAt]. */
export interface KnownRanges {
  readonly levels: readonly { level: KnownLevel; from: number; to: number }[];
  readonly rawFrom: number;
}

export function knownRanges(knownAt: number): KnownRanges {
  let from = -Infinity;
  const levels = KNOWN_LEVELS.map(({ level, ms }) => {
    const to = spanStart(knownAt, ms);
    const range = { level, from, to };
    from = to;
    return range;
  });
  return { levels, rawFrom: from };
}
