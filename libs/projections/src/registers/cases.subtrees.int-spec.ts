import type { StoredEvent } from '@vigil/contract';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { applyToLiveVersion } from '../engine/live-version';
import { StoredEvents } from '../figures/figures.testing';
import { prepareProjection } from '../versions/prepare-projection';
import { casesProjection } from './cases.projection';
import { listCases } from './cases.queries';
import { decodeCursor } from './page';
import { SMALL_SUBTREE_UNITS } from './units.queries';
import { unitsProjection } from './units.projection';

// The case register reads a small subtree unit by unit and a large one as a whole (SMALL_SUBTREE_UNITS):
// both must give the same pages, by case id, filtered and paged alike.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
afterAll(() => pool.end());

const tag = `ST${randomUUID().slice(0, 8)}`;
const root = `${tag}`;
const large = `${tag}-L`;
const small = `${tag}-S`;
const largeCommunes = Array.from({ length: SMALL_SUBTREE_UNITS + 6 }, (_, i) => `${large}-C${String(i).padStart(2, '0')}`);
const smallCommunes = [`${small}-C0`, `${small}-C1`, `${small}-C2`];
/** Case n of a commune: ids interleave the communes, so no unit's cases come as one run of the order. */
const caseId = (commune: number, n: number) => `${tag}-K${String(n).padStart(2, '0')}-${String(commune).padStart(2, '0')}`;

interface Opened {
  caseId: string;
  unitId: string;
  cleared: boolean;
}
const opened: Opened[] = [];

beforeAll(async () => {
  const stored = new StoredEvents();
  const at = '2024-03-01T08:00:00+07:00';
  const recorded = '2024-03-01T01:00:00Z';
  const unit = (unitId: string, level: 'ministry' | 'province' | 'commune', parentUnitId: string | null) =>
    stored.event('UnitRegistered', { unitId, name: unitId, level, parentUnitId }, at, recorded) as StoredEvent;
  const units = [
    unit(root, 'ministry', null),
    unit(large, 'province', root),
    unit(small, 'province', root),
    ...largeCommunes.map((id) => unit(id, 'commune', large)),
    ...smallCommunes.map((id) => unit(id, 'commune', small)),
  ];
  const cases: StoredEvent[] = [];
  [...largeCommunes, ...smallCommunes].forEach((unitId, commune) => {
    for (let n = 0; n < 3; n += 1) {
      const id = caseId(commune, n);
      const cleared = (commune + n) % 2 === 0;
      opened.push({ caseId: id, unitId, cleared });
      cases.push(
        stored.event('CaseOpened', { caseId: id, unitId, category: 'drugs', severity: 'serious' }, at, recorded) as StoredEvent,
      );
      if (cleared) cases.push(stored.event('CaseCleared', { caseId: id }, at, recorded) as StoredEvent);
    }
  });
  await prepareProjection(pool, unitsProjection);
  await prepareProjection(pool, casesProjection);
  await applyToLiveVersion(pool, unitsProjection, units);
  await applyToLiveVersion(pool, casesProjection, cases);
});

/** Every page of the register for the filter, followed by its cursor. */
async function allPages(unitId: string, limit: number, status?: 'cleared') {
  const pages: string[][] = [];
  let after: string | undefined;
  for (;;) {
    const page = await listCases(pool, { unitId, limit, ...(status ? { status } : {}), ...(after ? { after } : {}) });
    pages.push(page.items.map((item) => item.caseId));
    if (!page.nextCursor) return pages;
    after = decodeCursor(page.nextCursor)!;
  }
}

/** The expected pages: the cases under `units`, by case id, `limit` at a time. */
function expectedPages(units: readonly string[], limit: number, onlyCleared = false): string[][] {
  const ids = opened
    .filter((c) => units.includes(c.unitId) && (!onlyCleared || c.cleared))
    .map((c) => c.caseId)
    .sort();
  const pages: string[][] = [];
  for (let i = 0; i < ids.length; i += limit) pages.push(ids.slice(i, i + limit));
  return pages;
}

describe('the case register of a subtree', () => {
  it('pages a small subtree (a province of 3 communes) by case id', async () => {
    expect(await allPages(small, 4)).toEqual(expectedPages(smallCommunes, 4));
  });

  it(`pages a large subtree (a province of ${SMALL_SUBTREE_UNITS + 6} communes) by case id`, async () => {
    expect(await allPages(large, 50)).toEqual(expectedPages(largeCommunes, 50));
  });

  it('pages the whole tree, both provinces together', async () => {
    expect(await allPages(root, 100)).toEqual(expectedPages([...largeCommunes, ...smallCommunes], 100));
  });

  it('pages one commune, and filters by status in a small and in a large subtree', async () => {
    expect(await allPages(smallCommunes[1]!, 2)).toEqual(expectedPages([smallCommunes[1]!], 2));
    expect(await allPages(small, 2, 'cleared')).toEqual(expectedPages(smallCommunes, 2, true));
    expect(await allPages(large, 40, 'cleared')).toEqual(expectedPages(largeCommunes, 40, true));
  });
});
