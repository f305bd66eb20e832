import { Module, type INestApplication } from '@nestjs/common';
import { prepareProjection } from '@vigil/projections';
import { createApp, DatabaseModule, issueToken, loadConfig, PlatformModule } from '@vigil/platform';
import { Pool } from 'pg';
import { FiguresApiModule } from '@vigil/http-api';
import { figuresProjection } from '@vigil/projections';
import { applyEvents, StoredEvents } from '../libs/projections/src/figures/figures.testing';
import { fresh } from './support/events';

// GET /v1/directives/{id}/progress and /v1/units/{id}/stats over HTTP: scope, 404 and 400s, facts seeded into the live version.
describe('figures over HTTP', () => {
  const config = loadConfig(process.env);
  let schema: string;
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 2 });
  const stored = new StoredEvents();
  const e = stored.event.bind(stored);
  const province = fresh('VN-LCI');
  const commune = `${province}-COCSAN`;
  const other = fresh('VN-QNI');
  const directiveId = fresh('SC-138');
  let app: INestApplication;
  let url: string;

  const get = async (path: string, role: 'analyst' | 'operator' | 'upstream', unit: string) => {
    const token = await issueToken(config.VIGIL_JWT_SECRET, { role, unit }, 600);
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    // The live version, whichever it is (a rebuild may have replaced the first one).
    schema = await prepareProjection(pool, figuresProjection);
    const at = '2024-01-01T00:00:00Z';
    await applyEvents(pool, schema, [
      e('UnitRegistered', { unitId: province, name: 'Lào Cai', level: 'province', parentUnitId: 'VN' }, at, at),
      e('UnitRegistered', { unitId: commune, name: 'Cốc San', level: 'commune', parentUnitId: province }, at, at),
      e('UnitRegistered', { unitId: other, name: 'Quảng Ninh', level: 'province', parentUnitId: 'VN' }, at, at),
      e('DirectiveIssued', { directiveId, code: 'SC-138/2024', title: 'Plan', issuedByUnitId: province }, at, at),
      e(
        'TargetSet',
        {
          directiveId,
          targetId: 'T1',
          unitId: province,
          metric: 'cases.opened',
          comparator: 'atLeast',
          value: 2,
          periodStart: '2024-01-01',
          periodEnd: '2024-12-31',
        },
        at,
        at,
      ),
      e(
        'CaseOpened',
        { caseId: fresh('LC'), unitId: commune, category: 'drugs', severity: 'serious' },
        '2024-03-01T00:00:00Z',
        '2024-03-01T01:00:00Z',
      ),
      e(
        'CaseOpened',
        { caseId: fresh('LC'), unitId: commune, category: 'economic', severity: 'serious' },
        '2024-04-01T00:00:00Z',
        '2024-04-01T01:00:00Z',
      ),
    ]);
    @Module({ imports: [PlatformModule.forRoot(config), DatabaseModule, FiguresApiModule] })
    class FiguresTestModule {}
    app = await createApp(FiguresTestModule);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  it('answers a directive’s progress to an analyst of the province', async () => {
    const { status, body } = await get(`/v1/directives/${directiveId}/progress?asOf=2025-01-01`, 'analyst', province);
    expect(status).toBe(200);
    expect(body).toEqual({
      directiveId,
      code: 'SC-138/2024',
      asOf: '2025-01-01T16:59:59.999Z',
      targets: [
        {
          targetId: 'T1',
          unitId: province,
          metric: 'cases.opened',
          filter: null,
          comparator: 'atLeast',
          value: 2,
          periodStart: '2024-01-01',
          periodEnd: '2024-12-31',
          actual: 2,
          numerator: 2,
          denominator: null,
          attainmentPct: 100,
          status: 'achieved',
        },
      ],
    });
  });

  it('evaluates for a sub-unit in scope, and refuses a unit outside it with OUT_OF_SCOPE', async () => {
    const forCommune = await get(`/v1/directives/${directiveId}/progress?unitId=${commune}`, 'analyst', province);
    expect(forCommune.body.targets[0]).toMatchObject({ unitId: commune, actual: 2 });
    const outside = await get(`/v1/directives/${directiveId}/progress`, 'analyst', other);
    expect(outside).toMatchObject({ status: 403, body: { code: 'OUT_OF_SCOPE' } });
    expect((await get(`/v1/directives/${directiveId}/progress?unitId=${other}`, 'operator', 'VN')).body.targets[0].actual).toBe(
      0,
    );
  });

  it('answers 404 for an unknown directive and 403 to an upstream token', async () => {
    expect(await get('/v1/directives/NOPE/progress', 'analyst', province)).toMatchObject({ status: 404 });
    expect(await get(`/v1/directives/${directiveId}/progress`, 'upstream', province)).toMatchObject({ status: 403 });
  });

  it('answers unit stats, narrowed by category', async () => {
    const { status, body } = await get(
      `/v1/units/${province}/stats?from=2024-01-01&to=2024-12-31&category=drugs`,
      'analyst',
      province,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ unitId: province, from: '2024-01-01', to: '2024-12-31', casesOpened: 1, casesCleared: 0 });
  });

  it('answers 400 naming each bad parameter', async () => {
    const bad = await get(
      `/v1/units/${province}/stats?from=2024-12-31&to=2024-01-01&category=piracy&asOf=yesterday`,
      'analyst',
      province,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((problem: { path: string }) => problem.path)).toEqual(['to', 'category', 'asOf']);
    const missing = await get(`/v1/units/${province}/stats?to=2024-02-30`, 'analyst', province);
    expect(missing.body.problems.map((problem: { path: string }) => problem.path)).toEqual(['from', 'to']);
  });

  it('answers 400 UNKNOWN_PARAMETER naming a parameter it does not know, on progress and stats alike', async () => {
    const paths = [
      `/v1/directives/${directiveId}/progress?unitID=${province}`,
      `/v1/units/${province}/stats?from=2024-01-01&to=2024-12-31&categry=drugs`,
    ];
    const answers = [];
    for (const path of paths) {
      const { status, body } = await get(path, 'analyst', province);
      answers.push([status, body.code, body.problems.map((problem: { path: string }) => problem.path)]);
    }
    expect(answers).toEqual([
      [400, 'UNKNOWN_PARAMETER', ['unitID']],
      [400, 'UNKNOWN_PARAMETER', ['categry']],
    ]);
  });

  it('lists directives with their targets', async () => {
    const { body } = await get('/v1/directives', 'analyst', province);
    const listed = body.directives.find((directive: { directiveId: string }) => directive.directiveId === directiveId);
    expect(listed.targets.map((target: { targetId: string }) => target.targetId)).toEqual(['T1']);
  });
});
