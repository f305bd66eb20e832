import { Pool } from 'pg';
import { applyEvents, freshFiguresSchema, StoredEvents } from './figures.testing';
import { rollupTopsSql } from './rollup-tree';

// rollupTopsSql: the top of each unit's chain and the unit under it, period by period, as the tree is known.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const stored = new StoredEvents();
const e = stored.event.bind(stored);
const ALWAYS = '2024-01-01T00:00:00Z';

afterAll(async () => {
  await pool.end();
});

describe('rollup tops', () => {
  let schema: string;
  let drop: () => Promise<void>;

  const tops = async () => {
    const { rows } = await pool.query(
      `WITH RECURSIVE ${rollupTopsSql(schema, 'SELECT unnest($1::text[]) AS u')}
       SELECT unit_id, valid_from::text, valid_to::text, top, second FROM rollup_tops ORDER BY 1, 2`,
      [['VN', 'VN-P1', 'VN-P1-D1', 'VN-P1-D1-C1', 'ORPHAN']],
    );
    return rows;
  };

  beforeAll(async () => {
    ({ schema, drop } = await freshFiguresSchema(pool));
    await applyEvents(pool, schema, [
      e('UnitRegistered', { unitId: 'VN', name: 'Bộ Công an', level: 'ministry', parentUnitId: null }, ALWAYS, ALWAYS),
      e('UnitRegistered', { unitId: 'VN-P1', name: 'Lào Cai', level: 'province', parentUnitId: 'VN' }, ALWAYS, ALWAYS),
      e('UnitRegistered', { unitId: 'VN-P2', name: 'Yên Bái', level: 'province', parentUnitId: 'VN' }, ALWAYS, ALWAYS),
      e('UnitRegistered', { unitId: 'VN-P1-D1', name: 'Bắc Hà', level: 'district', parentUnitId: 'VN-P1' }, ALWAYS, ALWAYS),
      e(
        'UnitRegistered',
        { unitId: 'VN-P1-D1-C1', name: 'Bảo Nhai', level: 'commune', parentUnitId: 'VN-P1-D1' },
        ALWAYS,
        ALWAYS,
      ),
      e(
        'UnitRegistered',
        { unitId: 'ORPHAN', name: 'Unknown parent', level: 'commune', parentUnitId: 'NOWHERE' },
        ALWAYS,
        ALWAYS,
      ),
    ]);
    // From 1 July 2025 the district moves to the other province.
    await applyEvents(pool, schema, [
      e('UnitReassigned', { unitId: 'VN-P1-D1', parentUnitId: 'VN-P2' }, '2025-06-30T17:00:00Z', '2025-07-02T00:00:00Z'),
    ]);
  });
  afterAll(() => drop());

  it('gives each unit its top and second over each period, the commune following its district', async () => {
    const moved = '2025-06-30 17:00:00+00';
    expect(await tops()).toEqual([
      { unit_id: 'VN', valid_from: '-infinity', valid_to: 'infinity', top: 'VN', second: null },
      { unit_id: 'VN-P1', valid_from: '-infinity', valid_to: 'infinity', top: 'VN', second: 'VN-P1' },
      { unit_id: 'VN-P1-D1', valid_from: '-infinity', valid_to: moved, top: 'VN', second: 'VN-P1' },
      { unit_id: 'VN-P1-D1', valid_from: moved, valid_to: 'infinity', top: 'VN', second: 'VN-P2' },
      { unit_id: 'VN-P1-D1-C1', valid_from: '-infinity', valid_to: moved, top: 'VN', second: 'VN-P1' },
      { unit_id: 'VN-P1-D1-C1', valid_from: moved, valid_to: 'infinity', top: 'VN', second: 'VN-P2' },
    ]);
  });
});
