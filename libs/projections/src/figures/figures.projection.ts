import { categoryOf, type Category, type CategoryEvent, type StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import type { Projection } from '../projection';
import { createFiguresTables } from './figures.tables';
import { recordCases } from './record-cases';
import { recordDirectives } from './record-directives';
import { recordHotspots } from './record-hotspots';
import { recordMeasures } from './record-measures';
import { recordRollups } from './record-rollups';
import { recordUnits } from './record-units';

type StoredOf<C extends Category> = StoredEvent<CategoryEvent<C>['type']>;

function byCategory<C extends Category>(events: readonly StoredEvent[], category: C): StoredOf<C>[] {
  return events.filter((event) => categoryOf(event.type) === category) as StoredOf<C>[];
}

/**
 * The facts every figure of CONTRACT.md §4 and the unit stats are computed from (figures.queries.ts).
 * `apply` records facts, and adds them to the rollups of the top two levels of the tree (record-rollups.ts);
 * the tables answer the same whatever the order of streams and topics.
 */
export const figuresProjection: Projection = {
  name: 'figures',
  codeVersion: 4,
  categories: ['units', 'directives', 'cases', 'hotspots', 'measures'],
  createTables: (client: PoolClient, schema: string) => createFiguresTables(client, schema),
  derivedTables: ['rollups', 'rollup_seconds', 'root_readings', 'hotspot_roots', 'rollup_roots', 'rollup_settings'],
  async apply(client: PoolClient, schema: string, events: readonly StoredEvent[]): Promise<void> {
    // The rollups are versions computed from the latest one: two instances applying their own
    // partitions at once would each miss the other's deltas. One batch at a time per version.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}.figures.apply`]);
    await recordUnits(client, schema, byCategory(events, 'units'));
    await recordDirectives(client, schema, byCategory(events, 'directives'));
    const caseDeltas = await recordCases(client, schema, byCategory(events, 'cases'));
    await recordHotspots(client, schema, byCategory(events, 'hotspots'));
    const measureDeltas = await recordMeasures(client, schema, byCategory(events, 'measures'));
    await recordRollups(client, schema, [...caseDeltas, ...measureDeltas]);
  },
};
