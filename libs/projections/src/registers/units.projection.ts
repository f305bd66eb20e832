import type { CategoryEvent, StoredEvent, UnitLevel } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { type Projection, UnapplicableEventError } from '../projection';
import { foldRows } from './fold-rows';

/** The organisation tree as it stands now: what the query side checks scope and subtrees against. */
export interface UnitRow {
  unitId: string;
  name: string;
  level: UnitLevel;
  parentUnitId: string | null;
  /** When the current parent took effect (occurredAt of the latest move); null: since registration. */
  parentSince: string | null;
  lastRevision: bigint;
}

type UnitEvent = StoredEvent & CategoryEvent<'units'>;

/** Moves may arrive out of order (as in the unit aggregate): the latest by `occurredAt` is the current parent. */
export function evolveUnitRow(row: UnitRow | undefined, event: UnitEvent): UnitRow {
  switch (event.type) {
    case 'UnitRegistered': {
      if (row) throw new UnapplicableEventError(event, `unit ${event.data.unitId} is already registered`);
      const { unitId, name, level, parentUnitId } = event.data;
      return { unitId, name, level, parentUnitId, parentSince: null, lastRevision: event.revision };
    }
    case 'UnitReassigned': {
      if (!row) throw new UnapplicableEventError(event, `unit ${event.data.unitId} is not registered`);
      const isLatest = row.parentSince === null || Date.parse(event.occurredAt) >= Date.parse(row.parentSince);
      return isLatest
        ? { ...row, parentUnitId: event.data.parentUnitId, parentSince: event.occurredAt, lastRevision: event.revision }
        : { ...row, lastRevision: event.revision };
    }
  }
}

export const unitsProjection: Projection = {
  name: 'units',
  codeVersion: 1,
  categories: ['units'],

  async createTables(client: PoolClient, schema: string) {
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${schema}.units (
        unit_id        text PRIMARY KEY,
        name           text NOT NULL,
        level          text NOT NULL,
        parent_unit_id text,
        parent_since   timestamptz,
        last_revision  bigint NOT NULL
      );
      CREATE INDEX IF NOT EXISTS units_by_parent ON ${schema}.units (parent_unit_id)`);
  },

  async apply(client: PoolClient, schema: string, events: readonly StoredEvent[]) {
    await foldRows(
      events as readonly UnitEvent[],
      (event) => event.data.unitId,
      async (unitIds) => {
        const { rows } = await client.query(
          `SELECT unit_id, name, level, parent_unit_id, parent_since, last_revision FROM ${schema}.units WHERE unit_id = ANY($1::text[])`,
          [unitIds],
        );
        return new Map(
          rows.map((row): [string, UnitRow] => [
            row.unit_id,
            {
              unitId: row.unit_id,
              name: row.name,
              level: row.level,
              parentUnitId: row.parent_unit_id,
              parentSince: row.parent_since ? (row.parent_since as Date).toISOString() : null,
              lastRevision: BigInt(row.last_revision),
            },
          ]),
        );
      },
      evolveUnitRow,
      async (rows) => {
        await client.query(
          `INSERT INTO ${schema}.units (unit_id, name, level, parent_unit_id, parent_since, last_revision)
           SELECT r."unitId", r.name, r.level, r."parentUnitId", r."parentSince", r."lastRevision"
           FROM jsonb_to_recordset($1::jsonb) AS r ("unitId" text, name text, level text, "parentUnitId" text, "parentSince" timestamptz, "lastRevision" bigint)
           ON CONFLICT (unit_id) DO UPDATE SET name = excluded.name, level = excluded.level, parent_unit_id = excluded.parent_unit_id,
             parent_since = excluded.parent_since, last_revision = excluded.last_revision`,
          [JSON.stringify(rows.map((row) => ({ ...row, lastRevision: row.lastRevision.toString() })))],
        );
      },
    );
  },
};
