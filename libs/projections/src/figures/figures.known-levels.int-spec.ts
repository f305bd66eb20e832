import type { StoredEvent } from '@vigil/contract';
import { Pool } from 'pg';
import { inTransaction } from '@vigil/platform';
import { applyEvents, freshFiguresSchema, StoredEvents } from './figures.testing';
import { compactKnownLevels } from './write/known-levels-compaction';
import { unitStats } from './read/unit-stats';

// asOf reads the rollups by knowledge levels (known-levels.ts): whole days, then hours, minutes, tens of
// seconds and seconds, then the raw deltas of the asked instant's own second. Cases recorded at instants
// that fall on each side of every level's boundaries, applied latest first, must count exactly those
// recorded by the instant asked, at the ministry and the province (sums kept ahead) as from the facts
// alone: with fresh rows and merged ones side by side, and once every row is merged.
const HCM = 'Asia/Ho_Chi_Minh';
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const stored = new StoredEvents();
const e = stored.event.bind(stored);
const BASE = Date.parse('2024-03-10T10:20:30.400Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** When each case was recorded, from BASE: the same second, the next, ten seconds on, the next minute and hour, the next day, a month on. */
const OFFSETS = [0, 300, 1_100, 12_000, 45_000, 7_200_000, 86_400_000, 40 * 86_400_000];
/** K0 is voided three hours on: it drops out from then. */
const VOIDED_AT = BASE + 3 * 3_600_000;

let schema: string;
let drop: () => Promise<void>;

const compact = () => inTransaction(pool, (client) => compactKnownLevels(client, schema));

async function rowCounts(): Promise<{ fresh: number; merged: number }> {
  const { rows } = await pool.query<{ fresh: number; merged: number }>(
    `SELECT count(*) FILTER (WHERE fresh)::int AS fresh, count(*) FILTER (WHERE NOT fresh)::int AS merged FROM "${schema}".rollup_known`,
  );
  return rows[0]!;
}

async function opened(unitId: string, asOf: number): Promise<number> {
  const query = { unitId, from: '2024-01-01', to: '2024-12-31', timeZone: HCM, asOf: new Date(asOf) };
  const summed = await unitStats(pool, schema, query);
  expect(await unitStats(pool, schema, { ...query, fromFacts: true })).toEqual(summed);
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
  // Latest knowledge first: every delta lands in a level that already holds later ones.
  const latestFirst = [...cases.slice(1)].reverse();
  for (const event of latestFirst.slice(0, 4)) await applyEvents(pool, schema, [event]);
  await compact();
  for (const event of latestFirst.slice(4)) await applyEvents(pool, schema, [event]);
  await applyEvents(pool, schema, [cases[0]!, voided]);
});

afterAll(async () => {
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

describe('asOf on either side of each knowledge level, fresh rows beside merged ones', () => {
  it('holds both', async () => {
    const counts = await rowCounts();
    expect(counts.fresh).toBeGreaterThan(0);
    expect(counts.merged).toBeGreaterThan(0);
  });

  it.each(cases)('counts the cases recorded by %s', async (_, at) => {
    expect(await opened('VN', at)).toBe(countsRecordedBy(at));
    expect(await opened('VN-P', at)).toBe(countsRecordedBy(at));
  });
});

describe('asOf on either side of each knowledge level, every row merged', () => {
  beforeAll(compact);

  it('leaves no fresh row', async () => {
    expect((await rowCounts()).fresh).toBe(0);
  });

  it.each(cases)('counts the cases recorded by %s', async (_, at) => {
    expect(await opened('VN', at)).toBe(countsRecordedBy(at));
    expect(await opened('VN-P', at)).toBe(countsRecordedBy(at));
  });
});
