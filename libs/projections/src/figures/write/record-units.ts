import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@vigil/contract';
import type { TreePeriod, TreeUnit } from '@vigil/domain';
import type { PoolClient } from 'pg';
import type { EngineState } from '../engine-state';
import { quoted } from '../tables';
import { instantText } from '../../sql/copy-rows';
import { instantOf } from './limits';
import { contribute, type RollupDeltas } from './rollup-deltas';
import { timelineChanges, type TimelineChange } from './tree-changes';
import type { Family, Values } from './fact-delta';

export type UnitEvent = StoredEvent<'UnitRegistered' | 'UnitReassigned'>;

/**
 * Adds the units' records to the tree. Returns the state with the new tree (under a new token) and where
 * the change moves the facts already recorded (`correctRecordedFacts`).
 */
export async function recordUnits(
  client: PoolClient,
  schema: string,
  state: EngineState,
  events: readonly UnitEvent[],
): Promise<{ state: EngineState; changes: TimelineChange[] }> {
  const s = quoted(schema);
  const units: (TreeUnit & { position: string })[] = [];
  const periods: (TreePeriod & { position: string })[] = [];
  for (const event of events) {
    const recordedAt = Date.parse(event.recordedAt);
    const common = {
      unitId: event.data.unitId,
      revision: Number(event.revision),
      parentUnitId: event.data.parentUnitId,
      recordedAt,
    };
    const position = String(event.position);
    if (event.type === 'UnitRegistered') {
      const { unitId, name, level } = event.data;
      units.push({ unitId, name, level, registeredAt: recordedAt, position });
      periods.push({ ...common, validFrom: -Infinity, position });
    } else {
      periods.push({ ...common, validFrom: instantOf(event, event.occurredAt, 'occurredAt'), position });
    }
  }
  await client.query(
    `INSERT INTO ${s}.units (unit_id, name, level, registered_at, position)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::bigint[]) ON CONFLICT DO NOTHING`,
    [
      units.map((u) => u.unitId),
      units.map((u) => u.name),
      units.map((u) => u.level),
      units.map((u) => instantText(u.registeredAt)),
      units.map((u) => u.position),
    ],
  );
  await client.query(
    `INSERT INTO ${s}.unit_parents (unit_id, revision, parent_unit_id, valid_from, recorded_at, position)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::bigint[]) ON CONFLICT DO NOTHING`,
    [
      periods.map((p) => p.unitId),
      periods.map((p) => p.revision),
      periods.map((p) => p.parentUnitId),
      periods.map((p) => instantText(p.validFrom)),
      periods.map((p) => instantText(p.recordedAt)),
      periods.map((p) => p.position),
    ],
  );
  const tree = state.tree.with(units, periods);
  const token = randomUUID();
  await client.query(`UPDATE ${s}.settings SET tree_token = $1`, [token]);
  return { state: { ...state, token, tree }, changes: timelineChanges(state.tree, tree, new Set(periods.map((p) => p.unitId))) };
}

/**
 * For each change, the recorded facts it moves, into `rollups`: minus where they rolled up, plus where
 * they roll up now (a late move is more deltas, never a rewrite).
 */
export async function correctRecordedFacts(
  client: PoolClient,
  schema: string,
  changes: readonly TimelineChange[],
  rollups: RollupDeltas,
): Promise<void> {
  if (changes.length === 0) return;
  const { rows } = await client.query<{
    change: number;
    family: Family;
    day: string;
    key: string;
    known_at: string;
    v1: string;
    v2: string;
    v3: string;
    v4: string;
  }>(
    `SELECT c.change, f.family, f.day::text AS day, f.key, (extract(epoch FROM f.known_at) * 1000)::text AS known_at,
            sum(f.v1)::text AS v1, sum(f.v2)::text AS v2, sum(f.v3)::text AS v3, sum(f.v4)::text AS v4
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS c(unit_id, from_at, to_at, change)
       JOIN ${quoted(schema)}.facts f ON f.unit_id = c.unit_id AND f.occurred_at >= c.from_at AND f.occurred_at < c.to_at
      GROUP BY 1, 2, 3, 4, 5`,
    [changes.map((c) => c.unitId), changes.map((c) => instantText(c.segment[0])), changes.map((c) => instantText(c.segment[1]))],
  );
  for (const row of rows) {
    const change = changes[Number(row.change) - 1]!;
    const values: Values = [Number(row.v1), Number(row.v2), Number(row.v3), Number(row.v4)];
    const knownAt = Number(row.known_at);
    const add = (direction: 1 | -1) => (unitId: string, at: number, sign: 1 | -1) =>
      rollups.add(unitId, row.family, row.day, row.key, at, values.map((v) => v * sign * direction) as unknown as Values);
    contribute(change.after, knownAt, add(1));
    contribute(change.before, knownAt, add(-1));
  }
}
