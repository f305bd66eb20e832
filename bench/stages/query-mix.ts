import { UNIT_LEVELS, type UnitLevel } from '@vigil/contract';
import type pg from 'pg';
import { DAYS, dateOf } from '../generator/calendar';
import { createRng } from '../generator/prng';
import { MINISTRY_ID } from '../generator/topology';

/** The endpoints the query stage times, each with a figure of its own. */
export const QUERY_KINDS = ['progress', 'stats', 'compare', 'series'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** One GET request of the mix: its endpoint, path and query parameters (`asOf` when it asks as of a past moment). */
export interface QueryRequest {
  readonly kind: QueryKind;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
}

/** The last day of the generated country (2025-12-31): compare is asked at it, a daily series over its year. */
const LAST_DAY = dateOf(DAYS - 1);
const LAST_YEAR = LAST_DAY.slice(0, 4);
const YEAR_BEFORE = String(Number(LAST_YEAR) - 1);

/** Stats over a year (across the reorganisation of 1 July 2025) and over a quarter. */
const STATS_PERIODS = [
  { from: `${LAST_YEAR}-01-01`, to: `${LAST_YEAR}-12-31` },
  { from: `${YEAR_BEFORE}-10-01`, to: `${YEAR_BEFORE}-12-31` },
];
const CATEGORIES = [{}, { category: 'drugs' }];
/** Compare as the tree stood (the default), for one category, and with the tree as it stands on `at`. */
const COMPARE_VARIANTS = [{}, { category: 'drugs' }, { basis: 'current' }];
/** A count and a rate (two sums a bucket). */
const SERIES_FIGURES = ['casesOpened', 'clearanceRate'];

export const isAsOf = (request: QueryRequest) => request.params.asOf !== undefined;

/**
 * A few units of each level as registered (the ministry, provinces, districts, communes) of the generated
 * country, picked evenly by id; the trees other stages post (freshness's `FR-…`) are left out.
 */
export async function unitsByLevel(pool: pg.Pool, schema: string, perLevel: number): Promise<string[][]> {
  const { rows } = await pool.query<{ unit_id: string; level: UnitLevel }>(
    `SELECT unit_id, level FROM ${schema}.units WHERE unit_id = $1 OR starts_with(unit_id, $1 || '-') ORDER BY unit_id`,
    [MINISTRY_ID],
  );
  return UNIT_LEVELS.map((level) => {
    const units = rows.filter((row) => row.level === level).map((row) => row.unit_id);
    const step = Math.max(1, Math.floor(units.length / perLevel));
    return units.filter((_, index) => index % step === 0).slice(0, perLevel);
  });
}

/** Every combination of the parameter sets, left to right. */
function combinations(...sets: readonly (readonly Record<string, string | undefined>[])[]): Record<string, string>[] {
  return sets.reduce<Record<string, string>[]>(
    (done, set) =>
      done.flatMap((params) =>
        set.map((more) => {
          const merged = { ...params };
          for (const [name, value] of Object.entries(more)) if (value !== undefined) merged[name] = value;
          return merged;
        }),
      ),
    [{}],
  );
}

const segment = encodeURIComponent;

/**
 * The distinct requests of the mix, each now and as of every moment of `asOfs`:
 * - progress: every directive, for its targets' own units and for each of `units` (evaluated in its subtree);
 * - stats: each unit over a year and a quarter, with and without a category;
 * - compare: each unit at the generated country's last day, as the tree stood, for a category, and with
 *   the tree as it stands (`basis=current`);
 * - series: each unit, a count and a rate by day over the last year.
 */
export function distinctRequests(
  directiveIds: readonly string[],
  units: readonly string[],
  asOfs: readonly string[],
): QueryRequest[] {
  const knowledge = [{}, ...asOfs.map((asOf) => ({ asOf }))];
  const perUnit = (kind: QueryKind, path: (unit: string) => string, sets: Record<string, string | undefined>[][]) =>
    units.flatMap((unit) => combinations(...sets, knowledge).map((params) => ({ kind, path: path(unit), params })));
  return [
    ...directiveIds.flatMap((directiveId) =>
      combinations([{}, ...units.map((unitId) => ({ unitId }))], knowledge).map((params) => ({
        kind: 'progress' as const,
        path: `/v1/directives/${segment(directiveId)}/progress`,
        params,
      })),
    ),
    ...perUnit('stats', (unit) => `/v1/units/${segment(unit)}/stats`, [STATS_PERIODS, CATEGORIES]),
    ...perUnit('compare', (unit) => `/v1/units/${segment(unit)}/compare`, [[{ at: LAST_DAY }], COMPARE_VARIANTS]),
    ...perUnit('series', (unit) => `/v1/units/${segment(unit)}/series`, [
      SERIES_FIGURES.map((figure) => ({ figure, grain: 'day', from: `${LAST_YEAR}-01-01`, to: LAST_DAY })),
    ]),
  ];
}

/**
 * `perGroup` requests of each non-empty group, each distinct request of a group as often as the others
 * give or take one, all groups interleaved in a seeded order (so a slow spell of a shared machine falls
 * on every figure alike).
 */
export function balancedMix<T>(groups: readonly (readonly T[])[], perGroup: number, seed: string): T[] {
  const mix = groups.flatMap((group) =>
    group.length === 0 ? [] : Array.from({ length: perGroup }, (_, index) => group[index % group.length]!),
  );
  const rng = createRng(seed, 'query-mix');
  for (let i = mix.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [mix[i], mix[j]] = [mix[j]!, mix[i]!];
  }
  return mix;
}

export function requestUrl(baseUrl: string, request: QueryRequest): string {
  const url = new URL(request.path, baseUrl);
  for (const [name, value] of Object.entries(request.params)) url.searchParams.set(name, value);
  return url.toString();
}
