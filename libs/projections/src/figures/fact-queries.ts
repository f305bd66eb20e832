import type { CaseCategory, CaseSeverity, HotspotKind, IncidentKind } from '@vigil/contract';
import type { IndicatorReading, InstantRange } from '@vigil/domain';
import { quoted } from './figures.tables';
import { SUBTREE_RELATION, subtreeParams, type Db, type Subtree } from './subtree';

/**
 * The raw counts and sums behind every figure, for the facts under a subtree (as the tree stood when
 * each fact occurred) that occurred in [range.from, range.toExclusive), as known at `asOf`.
 * Parameters: $1..$3 the subtree, $4 range start, $5 range end (exclusive), $6 asOf, then the filters.
 */
export interface FactScope {
  readonly db: Db;
  readonly schema: string;
  readonly subtree: Subtree;
  readonly range: InstantRange;
  readonly asOf: Date;
  /** The subtree is a rolled-up root alone, and hotspots are found under it through `hotspot_roots` (rollups.ts). */
  readonly hotspotsViaRoot?: boolean;
}

const paramsOf = (scope: FactScope, ...filters: unknown[]) => [
  ...subtreeParams(scope.subtree),
  scope.range.from,
  scope.range.toExclusive,
  scope.asOf,
  ...filters,
];

/**
 * The fact at `column` happened in the range, while its unit was under the root. The range bounds stand
 * on their own (not folded into greatest/least) so the planner can use them against an index.
 */
const inSubtreeAndRange = (column: string) =>
  `${column} >= $4 AND ${column} < $5 AND ${column} >= s.valid_from AND ${column} < s.valid_to`;

/** The version of a case known at $6, and not voided (a voided case drops out of every figure). */
const CASE_AS_KNOWN = `c.recorded_from <= $6 AND (c.recorded_to IS NULL OR c.recorded_to > $6) AND NOT c.voided`;
const CASE_FILTER = `($7::text IS NULL OR c.category = $7) AND ($8::text[] IS NULL OR c.severity = ANY($8))`;

export interface CaseFilter {
  readonly category?: CaseCategory;
  readonly severity?: readonly CaseSeverity[];
}

const caseFilterParams = (filter: CaseFilter) => [filter.category ?? null, filter.severity ?? null];

export interface CaseCounts {
  readonly opened: number;
  readonly cleared: number;
  readonly prosecuted: number;
  readonly defendants: number;
}

/** Cases opened in the range; of them, those cleared and prosecuted (as known at asOf, whenever that happened). */
export async function caseCounts(scope: FactScope, filter: CaseFilter = {}): Promise<CaseCounts> {
  const { rows } = await scope.db.query(
    `SELECT count(*)::int AS opened,
            count(*) FILTER (WHERE c.cleared_at IS NOT NULL)::int AS cleared,
            count(*) FILTER (WHERE c.prosecuted_at IS NOT NULL)::int AS prosecuted,
            coalesce(sum(c.defendants), 0)::int AS defendants
       FROM ${SUBTREE_RELATION}
       JOIN ${quoted(scope.schema)}.case_versions c ON c.unit_id = s.unit_id AND ${inSubtreeAndRange('c.opened_at')}
      WHERE ${CASE_AS_KNOWN} AND ${CASE_FILTER}`,
    paramsOf(scope, ...caseFilterParams(filter)),
  );
  return rows[0];
}

/** Persons arrested in the range, in cases (as known at asOf) under the root when the arrest was made. */
export async function personsArrested(scope: FactScope, filter: CaseFilter = {}): Promise<number> {
  const s = quoted(scope.schema);
  const { rows } = await scope.db.query(
    `SELECT coalesce(sum(a.persons), 0)::int AS persons
       FROM ${s}.arrests a
       JOIN ${s}.case_versions c ON c.case_id = a.case_id
       JOIN ${SUBTREE_RELATION} ON s.unit_id = c.unit_id AND ${inSubtreeAndRange('a.occurred_at')}
      WHERE a.recorded_at <= $6 AND ${CASE_AS_KNOWN} AND ${CASE_FILTER}`,
    paramsOf(scope, ...caseFilterParams(filter)),
  );
  return rows[0].persons;
}

/**
 * Joins the hotspot `h` with `s(valid_from, valid_to)`, the periods its unit was under the root: from the subtree,
 * or, for a rolled-up root, from `hotspot_roots` (its subtree parameters then hold the root alone).
 */
const hotspotUnder = (scope: FactScope, condition: string) =>
  scope.hotspotsViaRoot
    ? `JOIN (SELECT r.hotspot_id, r.valid_from, r.valid_to FROM ${quoted(scope.schema)}.hotspot_roots r
              WHERE r.root_unit_id = ($1::text[])[1] AND $2::timestamptz[] IS NOT NULL AND $3::timestamptz[] IS NOT NULL) s
         ON s.hotspot_id = h.hotspot_id AND ${condition}`
    : `JOIN ${SUBTREE_RELATION} ON s.unit_id = h.unit_id AND ${condition}`;

/** The hotspot event `event` is not followed, in its stream, by a relapse known at $6. */
const notRelapsedSince = (schema: string, event: string, hotspotId: string) => `NOT EXISTS (
  SELECT 1 FROM ${quoted(schema)}.hotspot_events r
   WHERE r.hotspot_id = ${hotspotId} AND r.type = 'relapsed' AND r.revision > ${event}.revision AND r.recorded_at <= $6)`;

/** Hotspots transformed in the range (under the root when transformed) and not relapsed since. */
export async function hotspotsTransformed(scope: FactScope, kind: HotspotKind | null): Promise<number> {
  const s = quoted(scope.schema);
  const { rows } = await scope.db.query(
    `SELECT count(DISTINCT h.hotspot_id)::int AS transformed
       FROM ${s}.hotspots h
       JOIN ${s}.hotspot_events t ON t.hotspot_id = h.hotspot_id AND t.type = 'transformed' AND t.recorded_at <= $6
       ${hotspotUnder(scope, inSubtreeAndRange('t.occurred_at'))}
      WHERE ($7::text IS NULL OR h.kind = $7) AND ${notRelapsedSince(scope.schema, 't', 'h.hotspot_id')}`,
    paramsOf(scope, kind),
  );
  return rows[0].transformed;
}

/**
 * A hotspot belongs to the root for a rate over the range when its unit was under the root at the later of its
 * identification and the range's start: numerator and denominator then count the same hotspots.
 */
const hotspotInSubtree = (scope: FactScope) =>
  hotspotUnder(scope, 'greatest(h.identified_at, $4) >= s.valid_from AND greatest(h.identified_at, $4) < s.valid_to');

export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

/** Listed for `year` (as known at asOf); of them, transformed in the range and not relapsed since. */
export async function hotspotTransformation(scope: FactScope, year: number, kind: HotspotKind | null): Promise<Ratio> {
  const s = quoted(scope.schema);
  const { rows } = await scope.db.query(
    `SELECT count(*)::int AS denominator,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM ${s}.hotspot_events t
               WHERE t.hotspot_id = h.hotspot_id AND t.type = 'transformed' AND t.recorded_at <= $6
                 AND t.occurred_at >= $4 AND t.occurred_at < $5 AND ${notRelapsedSince(scope.schema, 't', 'h.hotspot_id')}
            ))::int AS numerator
       FROM ${s}.hotspots h ${hotspotInSubtree(scope)}
      WHERE h.recorded_at <= $6 AND ($8::text IS NULL OR h.kind = $8)
        AND EXISTS (SELECT 1 FROM ${s}.hotspot_events l
                     WHERE l.hotspot_id = h.hotspot_id AND l.type = 'listed' AND l.year = $7 AND l.recorded_at <= $6)`,
    paramsOf(scope, year, kind),
  );
  return rows[0];
}

/**
 * Hotspots that existed during the range (identified before its end, not eliminated before its start);
 * of them, those eliminated in the range — "100 % wiped out by 31 October" reads against every hotspot there was.
 */
export async function hotspotElimination(scope: FactScope, kind: HotspotKind | null): Promise<Ratio> {
  const s = quoted(scope.schema);
  const eliminated = (condition: string) => `EXISTS (
    SELECT 1 FROM ${s}.hotspot_events e
     WHERE e.hotspot_id = h.hotspot_id AND e.type = 'eliminated' AND e.recorded_at <= $6 AND ${condition})`;
  const { rows } = await scope.db.query(
    `SELECT count(*)::int AS denominator,
            count(*) FILTER (WHERE ${eliminated('e.occurred_at >= $4 AND e.occurred_at < $5')})::int AS numerator
       FROM ${s}.hotspots h ${hotspotInSubtree(scope)}
      WHERE h.recorded_at <= $6 AND h.identified_at < $5 AND ($7::text IS NULL OR h.kind = $7)
        AND NOT ${eliminated('e.occurred_at < $4')}`,
    paramsOf(scope, kind),
  );
  return rows[0];
}

export type HotspotEventCounts = Record<'identified' | 'listed' | 'transformed' | 'relapsed' | 'eliminated', number>;

/** Hotspot events that occurred in the range, by type (under the root when each occurred). */
export async function hotspotEventCounts(scope: FactScope): Promise<HotspotEventCounts> {
  const s = quoted(scope.schema);
  const { rows } = await scope.db.query(
    `SELECT e.type, count(*)::int AS count
       FROM ${s}.hotspot_events e
       JOIN ${s}.hotspots h ON h.hotspot_id = e.hotspot_id
       ${hotspotUnder(scope, inSubtreeAndRange('e.occurred_at'))}
      WHERE e.recorded_at <= $6
      GROUP BY e.type`,
    paramsOf(scope),
  );
  const counts: HotspotEventCounts = { identified: 0, listed: 0, transformed: 0, relapsed: 0, eliminated: 0 };
  for (const row of rows) counts[row.type as keyof HotspotEventCounts] = row.count;
  return counts;
}

export async function weaponsCollected(scope: FactScope): Promise<number> {
  const { rows } = await scope.db.query(
    `SELECT coalesce(sum(w.items), 0)::int AS items
       FROM ${SUBTREE_RELATION}
       JOIN ${quoted(scope.schema)}.weapons w ON w.unit_id = s.unit_id AND ${inSubtreeAndRange('w.occurred_at')}
      WHERE w.recorded_at <= $6`,
    paramsOf(scope),
  );
  return rows[0].items;
}

/** The latest reading of the indicator in the range (latest occurredAt; on a tie, the one recorded last). */
export async function latestReading(scope: FactScope, indicator: string): Promise<IndicatorReading | null> {
  const { rows } = await scope.db.query(
    `SELECT i.value, i.denominator
       FROM ${SUBTREE_RELATION}
       JOIN ${quoted(scope.schema)}.indicator_readings i
         ON i.indicator = $7 AND i.unit_id = s.unit_id AND ${inSubtreeAndRange('i.occurred_at')}
      WHERE i.recorded_at <= $6
      ORDER BY i.occurred_at DESC, i.recorded_at DESC, i.revision DESC
      LIMIT 1`,
    paramsOf(scope, indicator),
  );
  return rows[0] ?? null;
}

export interface IncidentCounts {
  readonly count: number;
  readonly deaths: number;
  readonly injuries: number;
}

export async function incidentCounts(scope: FactScope, kind: IncidentKind | null = null): Promise<IncidentCounts> {
  const { rows } = await scope.db.query(
    `SELECT count(*)::int AS count, coalesce(sum(i.deaths), 0)::int AS deaths, coalesce(sum(i.injuries), 0)::int AS injuries
       FROM ${SUBTREE_RELATION}
       JOIN ${quoted(scope.schema)}.incidents i ON i.unit_id = s.unit_id AND ${inSubtreeAndRange('i.occurred_at')}
      WHERE i.recorded_at <= $6 AND ($7::text IS NULL OR i.kind = $7)`,
    paramsOf(scope, kind),
  );
  return rows[0];
}
