import { Module, type INestApplication } from '@nestjs/common';
import { buildOpenApi, type StoredEvent, type TargetSetData } from '@vigil/contract';
import { QueryApiModule } from '@vigil/http-api';
import { casesProjection, figuresProjection, hotspotsProjection, prepareProjection, unitsProjection } from '@vigil/projections';
import { createApp, DatabaseModule, issueToken, loadConfig, PlatformModule, type Role } from '@vigil/platform';
import { Pool } from 'pg';
import { applyEvents, StoredEvents } from '../libs/projections/src/figures/figures.testing';
import { ContractClient } from './support/contract-client';
import { fresh } from './support/events';

// The analysts' views of CONTRACT.md §5 1.1 over HTTP: units, stats per child, compare, series, directive
// detail, evidence, scope, strict parameters, 404s, CSV and 406. Facts are seeded into the live figures
// version; every answer is checked against the served OpenAPI document (ContractClient).
describe('analyst views over HTTP', () => {
  const config = loadConfig(process.env);
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 2 });
  const stored = new StoredEvents();
  const e = stored.event.bind(stored);
  const ministry = fresh('VN');
  const province = `${ministry}-LCI`;
  const district = `${province}-BXT`;
  const commune = `${district}-COCSAN`;
  const moved = `${province}-TRINHTUONG`;
  const other = `${ministry}-QNI`;
  const [plan, foreign] = [fresh('SC-138'), fresh('QNI-PLAN')];
  const communeName = 'Công an xã Cốc San, Bát Xát';
  let app: INestApplication;
  let client: ContractClient;

  const token = (role: Role, unit: string) => issueToken(config.VIGIL_JWT_SECRET, { role, unit }, 600);
  let calls = 0;
  const get = async (path: string, unit = province, role: Role = 'analyst', accept?: string) => {
    calls += 1;
    return client.get(path, await token(role, unit), accept);
  };
  const at9 = (day: string) => `${day}T02:00:00Z`;

  function scenario(): StoredEvent[] {
    const list: StoredEvent[] = [];
    const register = (
      unitId: string,
      name: string,
      level: 'ministry' | 'province' | 'district' | 'commune',
      parentUnitId: string | null,
    ) => list.push(e('UnitRegistered', { unitId, name, level, parentUnitId }, at9('2023-01-01'), at9('2023-01-01')));
    register(ministry, 'Bộ Công an', 'ministry', null);
    register(province, 'Công an tỉnh Lào Cai', 'province', ministry);
    register(other, 'Công an tỉnh Quảng Ninh', 'province', ministry);
    register(district, 'Công an huyện Bát Xát', 'district', province);
    register(commune, communeName, 'commune', district);
    register(moved, 'Công an xã Trịnh Tường', 'commune', district);
    // Districts abolished: Trịnh Tường directly under the province from 1 July 2025 (recorded 28 June).
    list.push(e('UnitReassigned', { unitId: moved, parentUnitId: province }, '2025-06-30T17:00:00Z', '2025-06-28T08:00:00Z'));
    const opened = (caseId: string, unitId: string, day: string, severity: 'serious' | 'very_serious' = 'serious') =>
      list.push(e('CaseOpened', { caseId, unitId, category: 'drugs', severity }, at9(day), at9(day)));
    const [k1, k2, k3, k4, k5] = ['K1', 'K2', 'K3', 'K4', 'K5'].map((k) => fresh(k));
    opened(k1!, commune, '2024-06-25');
    opened(k2!, commune, '2024-06-25', 'very_serious');
    list.push(e('CaseCleared', { caseId: k2! }, at9('2024-06-26'), at9('2024-06-26')));
    opened(k3!, commune, '2023-06-26');
    opened(k4!, moved, '2024-03-01');
    opened(k5!, commune, '2024-01-15');
    list.push(e('WeaponsCollected', { unitId: commune, items: 3, kind: 'homemade' }, at9('2024-06-28'), at9('2024-06-28')));
    list.push(
      e(
        'DirectiveIssued',
        { directiveId: plan, code: 'SC-138/2024', title: 'Kế hoạch 138, 2024', issuedByUnitId: province },
        at9('2024-01-01'),
        at9('2024-01-01'),
      ),
    );
    const target = (directiveId: string, targetId: string, unitId: string, terms: Partial<TargetSetData> = {}) =>
      list.push(
        e(
          'TargetSet',
          {
            directiveId,
            targetId,
            unitId,
            metric: 'cases.opened',
            comparator: 'atLeast',
            value: 4,
            periodStart: '2024-01-01',
            periodEnd: '2024-12-31',
            ...terms,
          } as TargetSetData,
          at9('2024-01-02'),
          at9('2024-01-02'),
        ),
      );
    target(plan, 'OPENED', province);
    target(plan, 'CLEARED', province, { metric: 'cases.clearanceRate', value: 90 });
    target(plan, 'WITHDRAWN', province, { value: 10 });
    list.push(e('TargetRevised', { directiveId: plan, targetId: 'WITHDRAWN', value: 12 }, at9('2024-03-01'), at9('2024-03-01')));
    list.push(
      e(
        'TargetWithdrawn',
        { directiveId: plan, targetId: 'WITHDRAWN', reason: 'gộp vào mục tiêu chung' },
        at9('2024-04-01'),
        at9('2024-04-01'),
      ),
    );
    list.push(
      e(
        'DirectiveIssued',
        { directiveId: foreign, code: 'QNI-1', title: 'Quảng Ninh plan', issuedByUnitId: other },
        at9('2024-01-01'),
        at9('2024-01-01'),
      ),
    );
    target(foreign, 'QNI-OPENED', other);
    return list;
  }

  beforeAll(async () => {
    for (const projection of [unitsProjection, casesProjection, hotspotsProjection]) await prepareProjection(pool, projection);
    await applyEvents(pool, await prepareProjection(pool, figuresProjection), scenario());
    @Module({ imports: [PlatformModule.forRoot(config), DatabaseModule, QueryApiModule] })
    class AnalystViewsModule {}
    app = await createApp(AnalystViewsModule, buildOpenApi() as never);
    await app.listen(0, '127.0.0.1');
    client = await ContractClient.connect(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  describe('units', () => {
    it('shows an analyst its subtree and the path above its root, on a day as known', async () => {
      const { status, body } = await get(`/v1/units?at=2025-06-30`, district);
      expect(status).toBe(200);
      const mine = body.units.filter((unit: { unitId: string }) => unit.unitId.startsWith(ministry));
      expect(mine).toEqual([
        { unitId: ministry, name: 'Bộ Công an', level: 'ministry', parentUnitId: null },
        { unitId: province, name: 'Công an tỉnh Lào Cai', level: 'province', parentUnitId: ministry },
        { unitId: district, name: 'Công an huyện Bát Xát', level: 'district', parentUnitId: province },
        { unitId: commune, name: communeName, level: 'commune', parentUnitId: district },
        { unitId: moved, name: 'Công an xã Trịnh Tường', level: 'commune', parentUnitId: district },
      ]);
      const after = await get(`/v1/units?at=2025-07-01&parentUnitId=${province}`, province);
      expect(after.body.units.map((unit: { unitId: string }) => unit.unitId)).toEqual([district, moved]);
      const communes = await get(`/v1/units?level=commune&at=2025-07-01&asOf=2025-06-27`, province);
      expect(communes.body.units.map((unit: { parentUnitId: string }) => unit.parentUnitId)).toEqual([district, district]);
    });

    it('details a unit: path root first, children, every parent period', async () => {
      const { body } = await get(`/v1/units/${moved}?at=2025-07-01`, province);
      expect(body).toEqual({
        unitId: moved,
        name: 'Công an xã Trịnh Tường',
        level: 'commune',
        parentUnitId: province,
        path: [
          { unitId: ministry, name: 'Bộ Công an', level: 'ministry' },
          { unitId: province, name: 'Công an tỉnh Lào Cai', level: 'province' },
        ],
        children: [],
        parents: [
          { parentUnitId: district, validFrom: null, recordedAt: '2023-01-01T02:00:00.000Z' },
          { parentUnitId: province, validFrom: '2025-06-30T17:00:00.000Z', recordedAt: '2025-06-28T08:00:00.000Z' },
        ],
      });
      expect(
        (await get(`/v1/units/${district}?at=2025-06-30`, province)).body.children.map((c: { unitId: string }) => c.unitId),
      ).toEqual([commune, moved]);
    });

    it('answers 404 for an unknown unit, and 403 for one outside what the analyst sees', async () => {
      expect(await get(`/v1/units/${province}-NOWHERE`)).toMatchObject({ status: 404, body: { code: 'UNIT_NOT_FOUND' } });
      expect(await get(`/v1/units/${other}`)).toMatchObject({ status: 403, body: { code: 'OUT_OF_SCOPE' } });
      expect(await get(`/v1/units?parentUnitId=${province}-NOWHERE`)).toMatchObject({
        status: 404,
        body: { code: 'UNIT_NOT_FOUND' },
      });
    });
  });

  describe('stats', () => {
    it('narrows by a list of severities and breaks down by child as the tree stands on `to`', async () => {
      const { body } = await get(
        `/v1/units/${province}/stats?from=2024-01-01&to=2024-12-31&severity=serious,very_serious&breakdown=children`,
      );
      expect([body.casesOpened, body.casesCleared]).toEqual([4, 1]);
      expect(body.children.map((child: { unitId: string; casesOpened: number }) => [child.unitId, child.casesOpened])).toEqual([
        [district, 4],
      ]);
      const serious = await get(`/v1/units/${commune}/stats?from=2024-01-01&to=2024-12-31&severity=very_serious`);
      expect(serious.body.casesOpened).toBe(1);
    });
  });

  describe('compare', () => {
    it('answers week, 28 days, month and year to date of a commune against a year earlier', async () => {
      const { status, body } = await get(`/v1/units/${commune}/compare?at=2024-06-30`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ unitId: commune, name: communeName, at: '2024-06-30', basis: 'stood' });
      const byFigure = Object.fromEntries(body.rows.map((row: { figure: string }) => [row.figure, row]));
      expect(byFigure.casesOpened.week).toEqual({ current: 2, previous: 1, change: 1, changePct: 100, z: 0.83, flag: null });
      expect(byFigure.casesOpened.ytd).toEqual({ current: 3, previous: 1, change: 2, changePct: 200, z: 1.46, flag: null });
      expect(byFigure.clearanceRate.week).toEqual({ current: 50, previous: 0, change: 50, changePct: null, z: null, flag: null });
      expect(byFigure.weaponsCollected.month).toEqual({
        current: 3,
        previous: 0,
        change: 3,
        changePct: null,
        z: 3.46,
        flag: 'up',
      });
    });

    it('counts the moved commune under its new parent on basis=current', async () => {
      const query = `at=2025-07-10`;
      const stood = await get(`/v1/units/${district}/compare?${query}`);
      const current = await get(`/v1/units/${district}/compare?${query}&basis=current`);
      const ytdPrevious = (answer: { body: { rows: { figure: string; ytd: { previous: number } }[] } }) =>
        answer.body.rows.find((row) => row.figure === 'casesOpened')!.ytd.previous;
      expect([ytdPrevious(stood), ytdPrevious(current)]).toEqual([4, 3]);
    });

    it('refuses bad parameters by name, an unknown unit and a unit outside the scope', async () => {
      const bad = await get(`/v1/units/${commune}/compare?basis=today&at=2024-02-30`);
      expect([bad.status, bad.body.code, bad.body.problems.map((p: { path: string }) => p.path)]).toEqual([
        400,
        'VALIDATION_FAILED',
        ['at', 'basis'],
      ]);
      const unknown = await get(`/v1/units/${commune}/compare?window=week`);
      expect([unknown.status, unknown.body.code, unknown.body.problems[0].path]).toEqual([400, 'UNKNOWN_PARAMETER', 'window']);
      expect(await get(`/v1/units/${commune}-X/compare`)).toMatchObject({ status: 404, body: { code: 'UNIT_NOT_FOUND' } });
      expect(await get(`/v1/units/${other}/compare`)).toMatchObject({ status: 403, body: { code: 'OUT_OF_SCOPE' } });
    });
  });

  describe('series', () => {
    it('answers every month of the range, zeros too', async () => {
      const { body } = await get(`/v1/units/${province}/series?figure=casesOpened&grain=month&from=2024-01-01&to=2024-06-30`);
      expect(body.points.map((p: { value: number }) => p.value)).toEqual([1, 0, 1, 0, 0, 2]);
    });

    it('refuses more than 1,000 points, naming `to`', async () => {
      const { status, body } = await get(
        `/v1/units/${province}/series?figure=casesOpened&grain=day&from=2020-01-01&to=2024-12-31`,
      );
      expect([status, body.problems[0].path]).toEqual([400, 'to']);
      expect(await get(`/v1/units/${province}/series?figure=arrests&from=2024-01-01&to=2024-01-31`)).toMatchObject({
        status: 400,
        body: { problems: [{ path: 'figure' }] },
      });
    });
  });

  describe('directives by scope', () => {
    it('lists only the directives an analyst may see, and their targets', async () => {
      const listed = (await get('/v1/directives', commune)).body.directives.map((d: { directiveId: string }) => d.directiveId);
      expect(listed).toContain(plan);
      expect(listed).not.toContain(foreign);
      const operator = (await get('/v1/directives', ministry, 'operator')).body.directives.map(
        (d: { directiveId: string }) => d.directiveId,
      );
      expect(operator).toEqual(expect.arrayContaining([plan, foreign]));
    });

    it('evaluates a province target for a commune analyst’s own root instead of refusing', async () => {
      const { status, body } = await get(`/v1/directives/${plan}/progress?asOf=2025-01-01`, commune);
      expect(status).toBe(200);
      expect(
        body.targets.map((t: { targetId: string; unitId: string; actual: number }) => [t.targetId, t.unitId, t.actual]),
      ).toEqual([
        ['CLEARED', commune, 33.33],
        ['OPENED', commune, 3],
      ]);
      expect(await get(`/v1/directives/${foreign}/progress`, commune)).toMatchObject({
        status: 403,
        body: { code: 'OUT_OF_SCOPE' },
      });
    });

    it('details a directive with a withdrawn target, its reason and history', async () => {
      const { body } = await get(`/v1/directives/${plan}`, province);
      const withdrawn = body.targets.find((t: { targetId: string }) => t.targetId === 'WITHDRAWN');
      expect(withdrawn.withdrawn).toEqual({ at: '2024-04-01T02:00:00.000Z', reason: 'gộp vào mục tiêu chung' });
      expect(withdrawn.history.map((h: { change: string; value: number }) => [h.change, h.value])).toEqual([
        ['set', 10],
        ['revised', 12],
        ['withdrawn', 12],
      ]);
      const before = await get(`/v1/directives/${plan}?asOf=2024-03-15`, province);
      expect(before.body.targets.find((t: { targetId: string }) => t.targetId === 'WITHDRAWN').withdrawn).toBeNull();
      expect(await get(`/v1/directives/${fresh('NOPE')}`)).toMatchObject({ status: 404, body: { code: 'DIRECTIVE_NOT_FOUND' } });
    });
  });

  describe('evidence', () => {
    it('lists the facts behind a figure, summing to it', async () => {
      const { body } = await get(`/v1/directives/${plan}/progress/CLEARED/evidence?asOf=2025-01-01`, province);
      expect([body.numerator, body.denominator, body.nextCursor]).toEqual([1, 4, null]);
      const sum = (key: 'numerator' | 'denominator') =>
        body.items.reduce((total: number, item: Record<string, number>) => total + item[key], 0);
      expect([sum('numerator'), sum('denominator')]).toEqual([1, 4]);
      expect(body.items.every((item: { kind: string }) => item.kind === 'case')).toBe(true);
    });

    it('answers 404 for a withdrawn or unknown target, 400 for a cursor it did not give, 406 for CSV', async () => {
      expect(await get(`/v1/directives/${plan}/progress/WITHDRAWN/evidence`)).toMatchObject({
        status: 404,
        body: { code: 'TARGET_NOT_FOUND' },
      });
      expect(await get(`/v1/directives/${plan}/progress/OPENED/evidence?cursor=nonsense`)).toMatchObject({
        status: 400,
        body: { problems: [{ path: 'cursor' }] },
      });
      expect(await get(`/v1/directives/${plan}/progress/OPENED/evidence`, province, 'analyst', 'text/csv')).toMatchObject({
        status: 406,
        body: { code: 'NOT_ACCEPTABLE' },
      });
    });
  });

  describe('CSV', () => {
    it('serves the units as RFC 4180 with a header, quoting names with commas, diacritics kept', async () => {
      const { status, contentType, text } = await get(
        `/v1/units?parentUnitId=${district}&at=2025-06-30`,
        province,
        'analyst',
        'text/csv',
      );
      expect([status, contentType]).toEqual([200, 'text/csv; charset=utf-8; header=present']);
      expect(text).toBe(
        'unitId,name,level,parentUnitId\r\n' +
          `${commune},"${communeName}",commune,${district}\r\n` +
          `${moved},Công an xã Trịnh Tường,commune,${district}\r\n`,
      );
    });

    it('flattens compare and stats into dotted columns', async () => {
      const compare = await get(`/v1/units/${commune}/compare?at=2024-06-30`, province, 'analyst', 'text/csv');
      const [header, first] = compare.text.split('\r\n');
      expect(header!.split(',')).toEqual(
        expect.arrayContaining(['figure', 'ytd.changePct', 'week.flag', 'windows.ytd.previous.from']),
      );
      expect(first).toContain(`"${communeName}"`);
      const stats = await get(
        `/v1/units/${province}/stats?from=2024-01-01&to=2024-12-31&breakdown=children`,
        province,
        'analyst',
        'text/csv',
      );
      expect(stats.text.split('\r\n')[0]!.split(',')).toEqual(
        expect.arrayContaining(['hotspots.transformed', 'incidents.deaths']),
      );
      expect(stats.text.split('\r\n').length).toBe(4);
    });

    it('answers 406 for an Accept it cannot serve, on every GET /v1/…', async () => {
      for (const path of ['/v1/units', `/v1/units/${province}`, '/v1/directives', '/v1/cases', '/v1/hotspots']) {
        expect(await get(path, province, 'analyst', 'application/xml')).toMatchObject({
          status: 406,
          body: { code: 'NOT_ACCEPTABLE' },
        });
      }
    });
  });

  it('checked every answer against the OpenAPI document', () => {
    expect([client.checked, calls > 30]).toEqual([calls, true]);
  });
});
