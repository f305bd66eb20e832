import { envelope, fresh, smallTree } from './support/events';
import { postJson } from './support/http';
import { getJson } from './support/http-get';
import { type VigilUnderTest, eventually, startVigilUnderTest } from './support/vigil-under-test';

// GET /v1/cases and /v1/hotspots (CONTRACT.md §5): events posted over HTTP, through the relay,
// Kafka and the projector, read back from the registers with scope, pagination and validation.
describe('case and hotspot registers', () => {
  let vigil: VigilUnderTest;
  let analyst: string;
  const tree = smallTree();
  const otherProvince = `${tree.ministry}-HGI`;
  const tag = fresh('R');
  const id = (name: string) => `${tag}-${name}`;
  const at = (day: number) => `2024-03-${String(day).padStart(2, '0')}T08:00:00+07:00`;
  const utc = (day: number) => `2024-03-${String(day).padStart(2, '0')}T01:00:00.000Z`;
  const get = (path: string, token = analyst) => getJson(`${vigil.url}${path}`, token);

  const caseItem = (name: string, unitId: string, fields: Record<string, unknown>) => ({
    caseId: id(name),
    unitId,
    category: 'drugs',
    severity: 'serious',
    status: 'open',
    openedAt: utc(1),
    clearedAt: null,
    prosecutedAt: null,
    voidedAt: null,
    arrests: 0,
    persons: 0,
    defendants: 0,
    ...fields,
  });
  const cases = {
    c1: caseItem('C1', tree.commune, { status: 'cleared', clearedAt: utc(4), arrests: 2, persons: 5, lastRevision: 3 }),
    c2: caseItem('C2', tree.commune, {
      status: 'prosecuted',
      clearedAt: utc(2),
      prosecutedAt: utc(3),
      defendants: 4,
      lastRevision: 2,
    }),
    c3: caseItem('C3', tree.province, { category: 'smuggling', status: 'voided', voidedAt: utc(5), lastRevision: 1 }),
    c4: caseItem('C4', tree.province, { severity: 'very_serious', lastRevision: 1 }),
    c5: caseItem('C5', otherProvince, { lastRevision: 0 }),
  };

  const hotspotItem = (name: string, unitId: string, fields: Record<string, unknown>) => ({
    hotspotId: id(name),
    unitId,
    kind: 'drug_hotspot',
    name: `Hotspot ${name}`,
    status: 'identified',
    identifiedAt: utc(1),
    listedYears: [],
    transformedAt: null,
    relapsedAt: null,
    eliminatedAt: null,
    ...fields,
  });
  const hotspots = {
    h1: hotspotItem('H1', tree.commune, { status: 'listed', listedYears: [2024], lastRevision: 1 }),
    h2: hotspotItem('H2', tree.commune, { status: 'transformed', listedYears: [2024], transformedAt: utc(6), lastRevision: 2 }),
    h3: hotspotItem('H3', tree.province, {
      status: 'relapsed',
      listedYears: [2023, 2024],
      transformedAt: utc(6),
      relapsedAt: utc(9),
      lastRevision: 4,
    }),
    h4: hotspotItem('H4', tree.province, {
      kind: 'drug_retail_point',
      status: 'eliminated',
      eliminatedAt: utc(7),
      lastRevision: 1,
    }),
    h5: hotspotItem('H5', otherProvince, { lastRevision: 0 }),
  };

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    analyst = await vigil.token('analyst', tree.province);
    const operator = await vigil.token('operator', tree.ministry);
    const opened = (name: string, unitId: string, category = 'drugs', severity = 'serious') =>
      envelope('CaseOpened', { caseId: id(name), unitId, category, severity }, at(1));
    const identified = (name: string, unitId: string, kind = 'drug_hotspot') =>
      envelope('HotspotIdentified', { hotspotId: id(name), unitId, kind, name: `Hotspot ${name}` }, at(1));
    const batch = [
      ...tree.events,
      envelope('UnitRegistered', {
        unitId: otherProvince,
        name: 'Hà Giang provincial police',
        level: 'province',
        parentUnitId: tree.ministry,
      }),
      opened('C1', tree.commune),
      envelope('ArrestMade', { caseId: id('C1'), arrestId: id('C1:A1'), persons: 3 }, at(2)),
      envelope('ArrestMade', { caseId: id('C1'), arrestId: id('C1:A2'), persons: 2 }, at(3)),
      envelope('CaseCleared', { caseId: id('C1') }, at(4)),
      opened('C2', tree.commune),
      envelope('CaseCleared', { caseId: id('C2') }, at(2)),
      envelope('CaseProsecuted', { caseId: id('C2'), defendants: 4 }, at(3)),
      opened('C3', tree.province, 'smuggling'),
      envelope('CaseVoided', { caseId: id('C3'), reason: 'entered twice' }, at(5)),
      opened('C4', tree.province, 'social_order'),
      envelope('CaseReclassified', { caseId: id('C4'), category: 'drugs', severity: 'very_serious' }, at(5)),
      opened('C5', otherProvince),
      identified('H1', tree.commune),
      envelope('HotspotListed', { hotspotId: id('H1'), year: 2024 }, at(2)),
      identified('H2', tree.commune),
      envelope('HotspotListed', { hotspotId: id('H2'), year: 2024 }, at(2)),
      envelope('HotspotTransformed', { hotspotId: id('H2') }, at(6)),
      identified('H3', tree.province),
      envelope('HotspotListed', { hotspotId: id('H3'), year: 2024 }, at(2)),
      envelope('HotspotTransformed', { hotspotId: id('H3') }, at(6)),
      envelope('HotspotListed', { hotspotId: id('H3'), year: 2023 }, at(8)),
      envelope('HotspotRelapsed', { hotspotId: id('H3') }, at(9)),
      identified('H4', tree.province, 'drug_retail_point'),
      envelope('HotspotEliminated', { hotspotId: id('H4') }, at(7)),
      identified('H5', otherProvince),
    ];
    const posted = await postJson(`${vigil.url}/v1/events`, batch, operator);
    expect(posted.body.results.filter((result: { status: string }) => result.status !== 'appended')).toEqual([]);
    // The projector has caught up once the last case and the last hotspot are visible.
    const ministryAnalyst = await vigil.token('analyst', tree.ministry);
    await eventually(async () => {
      const [caseList, hotspotList] = await Promise.all([
        get('/v1/cases', ministryAnalyst),
        get('/v1/hotspots', ministryAnalyst),
      ]);
      return caseList.body.items?.length === 5 && hotspotList.body.items?.length === 5 ? true : undefined;
    }, 30_000);
  });
  afterAll(async () => {
    await vigil.close();
  });

  it('lists the cases of the token’s unit and everything under it, by case id', async () => {
    const { status, body } = await get('/v1/cases');
    expect(status).toBe(200);
    expect(body).toEqual({ items: [cases.c1, cases.c2, cases.c3, cases.c4], nextCursor: null });
  });

  it('filters cases by unit subtree, status and category', async () => {
    expect((await get(`/v1/cases?unitId=${tree.commune}`)).body.items).toEqual([cases.c1, cases.c2]);
    expect((await get('/v1/cases?status=cleared')).body.items).toEqual([cases.c1]);
    expect((await get('/v1/cases?status=voided')).body.items).toEqual([cases.c3]);
    expect((await get('/v1/cases?category=drugs&status=open')).body.items).toEqual([cases.c4]);
  });

  it('lists the hotspots of a subtree through their states', async () => {
    const { status, body } = await get('/v1/hotspots');
    expect(status).toBe(200);
    expect(body).toEqual({ items: [hotspots.h1, hotspots.h2, hotspots.h3, hotspots.h4], nextCursor: null });
    expect((await get('/v1/hotspots?status=relapsed')).body.items).toEqual([hotspots.h3]);
    expect((await get(`/v1/hotspots?unitId=${tree.commune}&status=transformed`)).body.items).toEqual([hotspots.h2]);
  });

  it('pages with an opaque cursor until the last page', async () => {
    const first = await get('/v1/cases?limit=3');
    expect(first.body.items).toEqual([cases.c1, cases.c2, cases.c3]);
    expect(first.body.nextCursor).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/));
    const second = await get(`/v1/cases?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [cases.c4], nextCursor: null });

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { hotspotId: string }[]; nextCursor: string | null } } = await get(
        `/v1/hotspots?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      pages.push(...page.body.items.map((item) => item.hotspotId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([id('H1'), id('H2'), id('H3'), id('H4')]);
  });

  it('answers 403 OUT_OF_SCOPE for a unit outside the token’s subtree, and lets the operator read anywhere', async () => {
    for (const path of [`/v1/cases?unitId=${tree.ministry}`, `/v1/hotspots?unitId=${otherProvince}`]) {
      const { status, body } = await get(path);
      expect(status).toBe(403);
      expect(body.code).toBe('OUT_OF_SCOPE');
    }
    const operator = await vigil.token('operator', 'VN');
    expect((await get(`/v1/cases?unitId=${otherProvince}`, operator)).body.items).toEqual([cases.c5]);
    const upstream = await vigil.token('upstream', tree.province);
    expect((await get('/v1/cases', upstream)).status).toBe(403);
  });

  it('answers 400 with the parameter name as the path of each problem', async () => {
    const cases400 = [
      ['/v1/cases?limit=0', 'limit'],
      ['/v1/cases?limit=501', 'limit'],
      ['/v1/cases?limit=ten', 'limit'],
      ['/v1/cases?status=closed', 'status'],
      ['/v1/cases?category=theft', 'category'],
      ['/v1/cases?cursor=not-a-cursor', 'cursor'],
      ['/v1/hotspots?status=open', 'status'],
    ];
    for (const [path, parameter] of cases400) {
      const { status, body } = await get(path!);
      expect([path, status, body.code, body.problems.map((problem: { path: string }) => problem.path)]).toEqual([
        path,
        400,
        'VALIDATION_FAILED',
        [parameter],
      ]);
    }
  });

  it('answers 400 UNKNOWN_PARAMETER naming a parameter it does not know (CONTRACT.md §5, strict parameters)', async () => {
    const { status, body } = await get('/v1/hotspots?colour=red');
    expect([status, body.code, body.problems.map((problem: { path: string }) => problem.path)]).toEqual([
      400,
      'UNKNOWN_PARAMETER',
      ['colour'],
    ]);
  });

  it('follows the current tree: a commune moved to another province takes its cases along', async () => {
    const operator = await vigil.token('operator', tree.ministry);
    const moved = envelope('UnitReassigned', { unitId: tree.commune, parentUnitId: otherProvince }, at(10));
    expect((await postJson(`${vigil.url}/v1/events`, moved, operator)).body.results[0].status).toBe('appended');
    await eventually(async () => ((await get('/v1/cases')).body.items.length === 2 ? true : undefined));
    expect((await get('/v1/cases')).body.items).toEqual([cases.c3, cases.c4]);
    expect((await get(`/v1/cases?unitId=${tree.commune}`)).status).toBe(403);
  });
});
