import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { insertRows } from './bulk-insert';
import { quoted } from './figures.tables';
import { guardRollups } from './rollup-guard';

type UnitEvent = StoredEvent<'UnitRegistered' | 'UnitReassigned'>;

const COLUMNS = [
  { name: 'unit_id', type: 'text' },
  { name: 'revision', type: 'bigint' },
  { name: 'parent_unit_id', type: 'text' },
  { name: 'valid_from', type: 'timestamptz' },
  { name: 'recorded_at', type: 'timestamptz' },
] as const;

/**
 * Parent periods. A registration holds from −infinity (figures may be reported for dates before
 * the unit was registered, under the parent it was registered with — parentAsOf in the domain);
 * a reassignment from its occurredAt. A late reassignment only adds a row: the tree is resolved
 * at query time, so every figure after its occurredAt re-rolls.
 */
export async function recordUnits(client: PoolClient, schema: string, events: readonly UnitEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => ({
    unitId: event.data.unitId,
    revision: event.revision,
    parentUnitId: event.data.parentUnitId,
    validFrom: event.type === 'UnitRegistered' ? '-infinity' : event.occurredAt,
    recordedAt: event.recordedAt,
    registration: event.type === 'UnitRegistered',
  }));
  const afterRecording = await guardRollups(client, schema, rows);
  await insertRows(
    client,
    `${quoted(schema)}.unit_parents`,
    COLUMNS,
    rows.map((row) => [row.unitId, row.revision, row.parentUnitId, row.validFrom, row.recordedAt]),
    'ON CONFLICT DO NOTHING',
  );
  await afterRecording();
}
