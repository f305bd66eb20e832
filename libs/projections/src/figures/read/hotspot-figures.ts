import type { HotspotKind } from '@vigil/contract';
import { quoted } from '../tables';
import { instantText } from '../../sql/copy-rows';
import { remembered, unitArrays, type ReadContext } from './read-context';

/** Business instants [from, toExclusive), and the end of the day the figures stand on (relapses after it have not happened). */
export interface HotspotScope {
  readonly unitId: string;
  readonly from: number;
  readonly toExclusive: number;
  readonly standsUntil: number | null;
  /** The unit's own hotspots only, wherever it stood (the tree as it stands, `basis=current`). */
  readonly own?: boolean;
}

export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

// $1..$3 the subtree (unit, from, to), $4 range start, $5 range end, $6 asOf (null: now), $7 stands-until (null: now), then the rest.
export const hotspotParams = (context: ReadContext, scope: HotspotScope, ...rest: unknown[]) => {
  const subtree = unitArrays(context, scope.unitId, scope.own);
  return [
    subtree.unitIds,
    subtree.froms,
    subtree.tos,
    instantText(scope.from),
    instantText(scope.toExclusive),
    context.knownAt === null ? null : new Date(context.knownAt),
    instantText(scope.standsUntil),
    ...rest,
  ];
};

const SUBTREE = 'unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS s(unit_id, from_at, to_at)';
const KNOWN = (alias: string) => `($6::timestamptz IS NULL OR ${alias}.recorded_at <= $6)`;
const HAPPENED = (alias: string) => `($7::timestamptz IS NULL OR ${alias}.occurred_at < $7)`;
const underAt = (instant: string) => `${instant} >= s.from_at AND ${instant} < s.to_at`;

const notRelapsedSince = (schema: string, transform: string) => `NOT EXISTS (
  SELECT 1 FROM ${quoted(schema)}.hotspot_events r
   WHERE r.hotspot_id = ${transform}.hotspot_id AND r.type = 'relapsed' AND r.revision > ${transform}.revision
     AND ${KNOWN('r')} AND ${HAPPENED('r')})`;

/**
 * FROM and WHERE of the transformations (`t`, of hotspot `h`) in the range, under the unit when they
 * occurred, not relapsed since; `$8` the hotspot kind or null. Shared by the figure and its evidence.
 */
export const transformedIn = (schema: string) => `
    FROM ${quoted(schema)}.hotspots h
    JOIN ${quoted(schema)}.hotspot_events t ON t.hotspot_id = h.hotspot_id AND t.type = 'transformed' AND ${KNOWN('t')}
     AND t.occurred_at >= $4 AND t.occurred_at < $5
    JOIN ${SUBTREE} ON s.unit_id = h.unit_id AND ${underAt('t.occurred_at')}
   WHERE ($8::text IS NULL OR h.kind = $8) AND ${notRelapsedSince(schema, 't')}`;

/** Hotspots transformed in the range (under the unit when transformed) and not relapsed since. */
export function hotspotsTransformed(context: ReadContext, scope: HotspotScope, kind: HotspotKind | null): Promise<number> {
  const key = `transformed:${scope.own ? 'own:' : ''}${scope.unitId}:${scope.from}:${scope.toExclusive}:${scope.standsUntil}:${kind}`;
  return remembered(context, key, async () => {
    const { rows } = await context.db.query<{ n: number }>(
      `SELECT count(DISTINCT h.hotspot_id)::int AS n ${transformedIn(context.schema)}`,
      hotspotParams(context, scope, kind),
    );
    return rows[0]!.n;
  });
}

/**
 * The transformations counted by `hotspotsTransformed` over a whole span, each with its instant: a compare's
 * windows count theirs from one read (a hotspot transformed twice in a window counts once there).
 */
export function transformationsIn(
  context: ReadContext,
  scope: HotspotScope,
  kind: HotspotKind | null,
): Promise<{ hotspotId: string; at: number }[]> {
  const key = `transformations:${scope.own ? 'own:' : ''}${scope.unitId}:${scope.from}:${scope.toExclusive}:${scope.standsUntil}:${kind}`;
  return remembered(context, key, async () => {
    const { rows } = await context.db.query<{ hotspot_id: string; at: string }>(
      `SELECT h.hotspot_id, (extract(epoch FROM t.occurred_at) * 1000)::text AS at ${transformedIn(context.schema)}`,
      hotspotParams(context, scope, kind),
    );
    return rows.map((row) => ({ hotspotId: row.hotspot_id, at: Number(row.at) }));
  });
}

/** How many distinct hotspots of `transformations` were transformed in [from, toExclusive). */
export function transformedBetween(
  transformations: readonly { hotspotId: string; at: number }[],
  from: number,
  toExclusive: number,
): number {
  return new Set(transformations.filter(({ at }) => at >= from && at < toExclusive).map(({ hotspotId }) => hotspotId)).size;
}

/** A hotspot belongs to the unit over a range when it was under it at the later of its identification and the range's start. */
const HOTSPOT_UNDER = `JOIN ${SUBTREE} ON s.unit_id = h.unit_id AND ${underAt('greatest(h.identified_at, $4)')}`;

/** Of hotspot `h`: transformed in the range and not relapsed since. */
export const transformedSince = (schema: string) => `EXISTS (
  SELECT 1 FROM ${quoted(schema)}.hotspot_events t
   WHERE t.hotspot_id = h.hotspot_id AND t.type = 'transformed' AND ${KNOWN('t')}
     AND t.occurred_at >= $4 AND t.occurred_at < $5 AND ${notRelapsedSince(schema, 't')})`;

/** FROM and WHERE of the hotspots (`h`) under the unit listed for year `$8` (kind `$9` or null). */
export const listedFor = (schema: string) => `
    FROM ${quoted(schema)}.hotspots h ${HOTSPOT_UNDER}
   WHERE ${KNOWN('h')} AND ($9::text IS NULL OR h.kind = $9)
     AND EXISTS (SELECT 1 FROM ${quoted(schema)}.hotspot_events l
                  WHERE l.hotspot_id = h.hotspot_id AND l.type = 'listed' AND l.year = $8 AND ${KNOWN('l')} AND ${HAPPENED('l')})`;

/** Listed for `year`; of them, transformed in the range and not relapsed since. */
export function hotspotTransformation(
  context: ReadContext,
  scope: HotspotScope,
  year: number,
  kind: HotspotKind | null,
): Promise<Ratio> {
  const key = `transformation:${scope.own ? 'own:' : ''}${scope.unitId}:${scope.from}:${scope.toExclusive}:${scope.standsUntil}:${year}:${kind}`;
  return remembered(context, key, async () => {
    const { rows } = await context.db.query<Ratio>(
      `SELECT count(*)::int AS denominator, count(*) FILTER (WHERE ${transformedSince(context.schema)})::int AS numerator
         ${listedFor(context.schema)}`,
      hotspotParams(context, scope, year, kind),
    );
    return rows[0]!;
  });
}

const eliminated = (schema: string, condition: string) => `EXISTS (
  SELECT 1 FROM ${quoted(schema)}.hotspot_events e
   WHERE e.hotspot_id = h.hotspot_id AND e.type = 'eliminated' AND ${KNOWN('e')} AND ${HAPPENED('e')} AND ${condition})`;

/** Of hotspot `h`: eliminated in the range. */
export const eliminatedIn = (schema: string) => eliminated(schema, 'e.occurred_at >= $4 AND e.occurred_at < $5');

/** FROM and WHERE of the hotspots (`h`) under the unit that existed in the range (kind `$8` or null). */
export const existingIn = (schema: string) => `
    FROM ${quoted(schema)}.hotspots h ${HOTSPOT_UNDER}
   WHERE ${KNOWN('h')} AND h.identified_at < $5 AND ($8::text IS NULL OR h.kind = $8)
     AND NOT ${eliminated(schema, 'e.occurred_at < $4')}`;

/** Hotspots that existed in the range (identified before its end, not eliminated before its start); of them, eliminated in it. */
export function hotspotElimination(context: ReadContext, scope: HotspotScope, kind: HotspotKind | null): Promise<Ratio> {
  const key = `elimination:${scope.own ? 'own:' : ''}${scope.unitId}:${scope.from}:${scope.toExclusive}:${scope.standsUntil}:${kind}`;
  return remembered(context, key, async () => {
    const { rows } = await context.db.query<Ratio>(
      `SELECT count(*)::int AS denominator, count(*) FILTER (WHERE ${eliminatedIn(context.schema)})::int AS numerator
         ${existingIn(context.schema)}`,
      hotspotParams(context, scope, kind),
    );
    return rows[0]!;
  });
}

export type HotspotEventCounts = Record<'identified' | 'listed' | 'transformed' | 'relapsed' | 'eliminated', number>;

/** Hotspot events that occurred in the range, by type, each under the unit when it occurred. */
export function hotspotEventCounts(context: ReadContext, scope: HotspotScope): Promise<HotspotEventCounts> {
  return remembered(
    context,
    `hotspot-events:${scope.own ? 'own:' : ''}${scope.unitId}:${scope.from}:${scope.toExclusive}`,
    async () => {
      const s = quoted(context.schema);
      const { rows } = await context.db.query<{ type: keyof HotspotEventCounts; n: number }>(
        `SELECT e.type, count(*)::int AS n
         FROM ${s}.hotspot_events e
         JOIN ${s}.hotspots h ON h.hotspot_id = e.hotspot_id
         JOIN ${SUBTREE} ON s.unit_id = h.unit_id AND ${underAt('e.occurred_at')}
        WHERE ${KNOWN('e')} AND e.occurred_at >= $4 AND e.occurred_at < $5 AND ${HAPPENED('e')}
        GROUP BY e.type`,
        hotspotParams(context, scope),
      );
      const counts: HotspotEventCounts = { identified: 0, listed: 0, transformed: 0, relapsed: 0, eliminated: 0 };
      for (const row of rows) counts[row.type] = row.n;
      return counts;
    },
  );
}
