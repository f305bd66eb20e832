import type { StoredEvent } from '@vigil/contract';
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { inTransaction } from '@vigil/platform';
import { pointServingViews, servingSchemaOf } from '../versions';
import { applyEvents, freshFiguresSchema, StoredEvents } from './figures.testing';
import { unitStats } from './read/unit-stats';

// asOf at any instant (CONTRACT.md §4): the sums kept ahead are read from the nearer side of it — the
// deltas known by then, or the current sums less the deltas known after (read/known-deltas.ts). Cases
// recorded at instants close together at the start and at the end of the log, applied latest first,
// with one voided late, must count exactly those recorded by the instant asked, on either side, at the
// ministry and the province as from the facts alone, reading the version's tables and, as the service
// does, the serving views over them.
const HCM = 'Asia/Ho_Chi_Minh';
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const stored = new StoredEvents();
const e = stored.event.bind(stored);
const BASE = Date.parse('2024-03-10T10:20:30.400Z');
const iso = (ms: number) => new Date(ms).toISOString();

const DAY = 86_400_000;
/** When each case was recorded, from BASE: close together at the start of the log and at its end, 40 days on. */
const OFFSETS = [0, 300, 1_100, 45_000, 7_200_000, DAY, 39 * DAY, 39 * DAY + 300, 39 * DAY + 1_100, 40 * DAY];
/** K0 is voided near the end: it drops out from then. */
const VOIDED_AT = BASE + 39 * DAY + 3_600_000;

let schema: string;
let drop: () => Promise<void>;
const served = { name: `figures_as_of_${randomUUID().replace(/-/g, '').slice(0, 8)}` };

async function opened(unitId: string, asOf: number): Promise<number> {
  const query = { unitId, from: '2024-01-01', to: '2024-12-31', timeZone: HCM, asOf: new Date(asOf) };
  const summed = await unitStats(pool, schema, query);
  expect(await unitStats(pool, schema, { ...query, fromFacts: true })).toEqual(summed);
  expect(await unitStats(pool, servingSchemaOf(served), query)).toEqual(summed);
  return summed.casesOpened as number;
}

beforeAll(async () => {
  ({ schema, drop } = await freshFiguresSchema(pool));
  const registered = '2024-01-01T00:00:00Z';
  await applyEvents(pool, schema, [
    e('UnitRegistered', { unitId: 'VN', name: 'VN', level: 'ministry', parentUnitId: null }, registered, registered),
    e('UnitRegistered', { unitId: 'VN-P', name: 'P', level: 'province', parentUnitId: 'VN' }, registered, registered),
    e('UnitRegistered', { unitId: 'VN-P-C', name: 'C', level: 'commune', parentUnitId: 'VN-P' }, registered, registered),
  ]);
  const cases: StoredEvent[] = OFFSETS.map((offset, index) =>
    e(
      'CaseOpened',
      { caseId: `K${index}`, unitId: 'VN-P-C', category: 'drugs', severity: 'serious' },
      iso(BASE + offset - 3_600_000),
      iso(BASE + offset),
    ),
  );
  const voided = e('CaseVoided', { caseId: 'K0', reason: 'entered twice' }, iso(VOIDED_AT), iso(VOIDED_AT));
  // Latest knowledge first, each stream in its order (K0's void after its opening).
  for (const event of [...cases.slice(1).reverse(), cases[0]!, voided]) await applyEvents(pool, schema, [event]);
  await inTransaction(pool, (client) => pointServingViews(client, served.name, schema));
});

afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS ${servingSchemaOf(served)} CASCADE`);
  await drop();
  await pool.end();
});

const instants = OFFSETS.flatMap((offset) => [BASE + offset - 1, BASE + offset, BASE + offset + 1]).concat(
  VOIDED_AT - 1,
  VOIDED_AT,
);

const countsRecordedBy = (at: number) => {
  const recorded = OFFSETS.filter((offset) => BASE + offset <= at).length;
  return at >= VOIDED_AT ? recorded - 1 : recorded;
};
const cases = instants.map((at) => [iso(at), at] as const);

describe('asOf on either side of the log', () => {
  it.each(cases)('counts the cases recorded by %s', async (_, at) => {
    expect(await opened('VN', at)).toBe(countsRecordedBy(at));
    expect(await opened('VN-P', at)).toBe(countsRecordedBy(at));
  });
});
