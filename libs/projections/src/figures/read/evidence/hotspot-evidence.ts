import type { EvidenceItem, HotspotKind } from '@vigil/contract';
import { quoted } from '../../tables';
import {
  eliminatedIn,
  existingIn,
  hotspotParams,
  listedFor,
  transformedIn,
  transformedSince,
  type HotspotScope,
} from '../hotspot-figures';
import type { ReadContext } from '../read-context';
import { positionsOf, sliceOf, type EvidenceSlice } from './evidence-page';

export type HotspotMetric = 'hotspots.transformed' | 'hotspots.transformationRate' | 'hotspots.eliminationRate';

interface HotspotRow {
  hotspot_id: string;
  unit_id: string;
  occurred_at: Date;
  recorded_at: Date;
  positions: string[];
  counted: boolean;
}

/** Positions of hotspot `h`'s events of the given types, as known (`$6`) and happened (`$7`). */
const eventPositions = (schema: string, types: string) => `ARRAY(
  SELECT e.position::text FROM ${quoted(schema)}.hotspot_events e
   WHERE e.hotspot_id = h.hotspot_id AND e.type IN (${types})
     AND ($6::timestamptz IS NULL OR e.recorded_at <= $6) AND ($7::timestamptz IS NULL OR e.occurred_at < $7)
     AND e.occurred_at < $5)`;

/**
 * The hotspots behind a hotspot figure, each once, read with the very conditions the figure counts with
 * (hotspot-figures.ts): transformed — each hotspot transformed in the range and not relapsed since (1 / 0);
 * transformationRate — each listed for the year (numerator 1 when transformed); eliminationRate — each that
 * existed in the range (numerator 1 when eliminated in it).
 */
export async function hotspotEvidence(
  context: ReadContext,
  metric: HotspotMetric,
  scope: HotspotScope,
  options: { readonly year: number; readonly kind: HotspotKind | null; readonly after: string | null; readonly limit: number },
): Promise<EvidenceSlice> {
  const schema = context.schema;
  const common = `h.hotspot_id, h.unit_id, h.identified_at AS occurred_at, h.recorded_at`;
  const page = (cursor: string, limit: string) =>
    `AND (${cursor}::text IS NULL OR h.hotspot_id COLLATE "C" > ${cursor}) ORDER BY h.hotspot_id COLLATE "C" LIMIT ${limit}`;
  const query =
    metric === 'hotspots.transformed'
      ? {
          sql: `SELECT DISTINCT ON (h.hotspot_id COLLATE "C") ${common}, true AS counted,
                       ARRAY[h.position::text, t.position::text] AS positions
                ${transformedIn(schema)} ${page('$9', '$10').replace('ORDER BY h.hotspot_id COLLATE "C"', 'ORDER BY h.hotspot_id COLLATE "C", t.occurred_at DESC')}`,
          params: hotspotParams(context, scope, options.kind, options.after, options.limit + 1),
        }
      : metric === 'hotspots.transformationRate'
        ? {
            sql: `SELECT ${common}, ${transformedSince(schema)} AS counted,
                         ARRAY[h.position::text] || ${eventPositions(schema, `'listed', 'transformed'`)} AS positions
                  ${listedFor(schema)} ${page('$10', '$11')}`,
            params: hotspotParams(context, scope, options.year, options.kind, options.after, options.limit + 1),
          }
        : {
            sql: `SELECT ${common}, ${eliminatedIn(schema)} AS counted,
                         ARRAY[h.position::text] || ${eventPositions(schema, `'eliminated'`)} AS positions
                  ${existingIn(schema)} ${page('$9', '$10')}`,
            params: hotspotParams(context, scope, options.kind, options.after, options.limit + 1),
          };
  const { rows } = await context.db.query<HotspotRow>(query.sql, query.params);
  const items = rows.map((row): EvidenceItem => ({
    kind: 'hotspot',
    id: row.hotspot_id,
    unitId: row.unit_id,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    positions: positionsOf(row.positions),
    numerator: row.counted ? 1 : 0,
    denominator: metric === 'hotspots.transformed' ? 0 : 1,
  }));
  return sliceOf(items, options.limit);
}
