import { OrganisationTree, type TreePeriod, type TreeUnit } from '@vigil/domain';
import type { UnitLevel } from '@vigil/contract';
import type { Pool, PoolClient } from 'pg';
import { localDayOf } from './local-day';
import { quoted } from './tables';

export type Db = Pool | PoolClient;

/** What reading or writing figures needs in memory: the tree (small, bitemporal) and the day buckets' zone. */
export interface EngineState {
  readonly token: string;
  readonly timeZone: string;
  readonly tree: OrganisationTree;
  /** The calendar date of an instant in the zone. */
  readonly dayOf: (instant: number) => string;
}

const states = new Map<string, EngineState>();

/**
 * The state of a figures schema (a version, or the serving schema), loaded again only when its tree
 * changed: every change writes a new token, so a cached tree is never stale and a rolled-back change
 * never leaves one behind.
 */
export async function engineState(db: Db, schema: string): Promise<EngineState> {
  const s = quoted(schema);
  const { rows } = await db.query<{ time_zone: string; tree_token: string }>(`SELECT time_zone, tree_token FROM ${s}.settings`);
  const settings = rows[0];
  if (settings === undefined) throw new Error(`figures schema ${schema} has no settings`);
  const held = states.get(schema);
  if (held !== undefined && held.token === settings.tree_token && held.timeZone === settings.time_zone) return held;
  const [units, periods] = await Promise.all([
    db.query<{ unit_id: string; name: string; level: UnitLevel; registered_at: Date }>(
      `SELECT unit_id, name, level, registered_at FROM ${s}.units`,
    ),
    db.query<{ unit_id: string; revision: string; parent_unit_id: string | null; valid_from: string; recorded_at: Date }>(
      `SELECT unit_id, revision::text, parent_unit_id, (extract(epoch FROM valid_from) * 1000)::text AS valid_from, recorded_at
         FROM ${s}.unit_parents`,
    ),
  ]);
  const tree = OrganisationTree.of(
    units.rows.map((r): TreeUnit => ({
      unitId: r.unit_id,
      name: r.name,
      level: r.level,
      registeredAt: r.registered_at.getTime(),
    })),
    periods.rows.map((r): TreePeriod => ({
      unitId: r.unit_id,
      revision: Number(r.revision),
      parentUnitId: r.parent_unit_id,
      validFrom: Number(r.valid_from),
      recordedAt: r.recorded_at.getTime(),
    })),
  );
  const state = { token: settings.tree_token, timeZone: settings.time_zone, tree, dayOf: localDayOf(settings.time_zone) };
  states.set(schema, state);
  return state;
}

/** The state a transaction that changed the tree leaves (cached under its new token). */
export function rememberState(schema: string, state: EngineState): void {
  states.set(schema, state);
}
