import { Pool } from 'pg';
import { parseAsOf } from '@vigil/domain';
import { applyEvents, freshFiguresSchema, StoredEvents } from './figures.testing';
import { unitStats } from './read/unit-stats';

// The two-level model (DOMAIN.md): from 1 July 2025 the commune rolls up under its province directly.
// Earlier cases stay with the district, later ones go to the province — even when the move is recorded late.
const HCM = 'Asia/Ho_Chi_Minh';
const P = 'VN-LCI';
const D = 'VN-LCI-BTH';
const MOVED = 'VN-LCI-BTH-COCSAN';
const STAYED = 'VN-LCI-BTH-PHONGHAI';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const stored = new StoredEvents();
const e = stored.event.bind(stored);
let schema: string;
let drop: () => Promise<void>;

const opened = (caseId: string, unitId: string, occurredAt: string, recordedAt: string) =>
  e('CaseOpened', { caseId, unitId, category: 'drugs', severity: 'serious' }, occurredAt, recordedAt);
const casesOpened = async (unitId: string, asOf: string) =>
  (await unitStats(pool, schema, { unitId, from: '2025-01-01', to: '2025-12-31', asOf: parseAsOf(asOf, HCM), timeZone: HCM }))
    .casesOpened;

beforeAll(async () => {
  ({ schema, drop } = await freshFiguresSchema(pool));
  const registered = '2025-01-01T00:00:00Z';
  await applyEvents(pool, schema, [
    e('UnitRegistered', { unitId: P, name: 'Lào Cai', level: 'province', parentUnitId: 'VN' }, registered, registered),
    e('UnitRegistered', { unitId: D, name: 'Bảo Thắng', level: 'district', parentUnitId: P }, registered, registered),
    e('UnitRegistered', { unitId: MOVED, name: 'Cốc San', level: 'commune', parentUnitId: D }, registered, registered),
    e('UnitRegistered', { unitId: STAYED, name: 'Phong Hải', level: 'commune', parentUnitId: D }, registered, registered),
    opened('LC-2025-000001', STAYED, '2025-05-01T02:00:00Z', '2025-05-01T03:00:00Z'),
    opened('LC-2025-000002', MOVED, '2025-06-15T02:00:00Z', '2025-06-15T03:00:00Z'),
    // 23:30 on 30 June, local time: still under the district.
    opened('LC-2025-000003', MOVED, '2025-06-30T16:30:00Z', '2025-06-30T17:00:00Z'),
    opened('LC-2025-000004', MOVED, '2025-08-10T02:00:00Z', '2025-08-10T03:00:00Z'),
  ]);
  // The move, effective at midnight on 1 July 2025 (local), recorded on 20 August: after the August case.
  await applyEvents(pool, schema, [
    e('UnitReassigned', { unitId: MOVED, parentUnitId: P }, '2025-07-01T00:00:00+07:00', '2025-08-20T00:00:00Z'),
  ]);
});
afterAll(async () => {
  await drop();
  await pool.end();
});

it('before the move is known, the August case rolls up under the district', async () => {
  expect(await casesOpened(D, '2025-08-15')).toBe(4);
  expect(await casesOpened(P, '2025-08-15')).toBe(4);
});

it('once known, the district keeps its cases before 1 July and loses the later one to the province', async () => {
  expect(await casesOpened(D, '2025-09-01')).toBe(3);
  expect(await casesOpened(P, '2025-09-01')).toBe(4);
  expect(await casesOpened(MOVED, '2025-09-01')).toBe(3);
  expect(await casesOpened(STAYED, '2025-09-01')).toBe(1);
});

it('a district figure for the first half of 2025 is unchanged by the move', async () => {
  const firstHalf = await unitStats(pool, schema, {
    unitId: D,
    from: '2025-01-01',
    to: '2025-06-30',
    asOf: parseAsOf('2025-09-01', HCM),
    timeZone: HCM,
  });
  expect(firstHalf.casesOpened).toBe(3);
});
