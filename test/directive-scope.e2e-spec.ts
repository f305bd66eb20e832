import { envelope, fresh } from './support/events';
import { postJson } from './support/http';
import { getJson } from './support/http-get';
import { type VigilUnderTest, eventually, startVigilUnderTest } from './support/vigil-under-test';

type Result = { eventId: string; status: string; code?: string; message?: string };
type Listed = { directiveId: string; targets: { targetId: string }[] };

// Guarantee 7 for directives: a directive belongs to the unit that issued it. Its targets are set,
// revised and withdrawn only with a token whose subtree holds that unit, and an analyst lists only
// the directives it may see (CONTRACT.md §5 1.1, Scope).
describe('directives by scope', () => {
  let vigil: VigilUnderTest;
  let operator: string;
  const ministry = fresh('VN');
  const laoCai = `${ministry}-LCI`;
  const laoCaiCity = `${laoCai}-LCC`;
  const yenBai = `${ministry}-YBI`;
  const yenBaiCity = `${yenBai}-YBC`;
  const yenBaiPlan = fresh('SC-YBI');
  const laoCaiPlan = fresh('SC-LCI');
  const post = (body: unknown, token: string) => postJson(`${vigil.url}/v1/events`, body, token);
  const statuses = (results: Result[]) => results.map((result) => result.code ?? result.status);
  const target = (directiveId: string, targetId: string, unitId: string) =>
    envelope('TargetSet', {
      directiveId,
      targetId,
      unitId,
      metric: 'cases.opened',
      comparator: 'atLeast',
      value: 10,
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
    });
  const issued = (directiveId: string, issuedByUnitId: string) =>
    envelope('DirectiveIssued', { directiveId, code: 'SC-138/2024', title: 'Crime prevention plan 2024', issuedByUnitId });
  const unit = (unitId: string, level: string, parentUnitId: string | null) =>
    envelope('UnitRegistered', { unitId, name: `${unitId} police`, level, parentUnitId });

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    operator = await vigil.token('operator');
    const tree = await post(
      [
        unit(ministry, 'ministry', null),
        unit(laoCai, 'province', ministry),
        unit(laoCaiCity, 'district', laoCai),
        unit(yenBai, 'province', ministry),
        unit(yenBaiCity, 'district', yenBai),
      ],
      operator,
    );
    expect(statuses(tree.body.results)).toEqual(Array(5).fill('appended'));
    const yenBaiWork = await post(
      [issued(yenBaiPlan, yenBai), target(yenBaiPlan, 'T-YBI', yenBai), target(yenBaiPlan, 'T-YBC', yenBaiCity)],
      await vigil.token('upstream', yenBai),
    );
    expect(statuses(yenBaiWork.body.results)).toEqual(['appended', 'appended', 'appended']);
    const laoCaiWork = await post(
      [issued(laoCaiPlan, laoCai), target(laoCaiPlan, 'T-LCI', laoCai)],
      await vigil.token('upstream', laoCai),
    );
    expect(statuses(laoCaiWork.body.results)).toEqual(['appended', 'appended']);
  });
  afterAll(() => vigil.close());

  it('refuses a target on another province’s directive, even for the caller’s own unit: 403 OUT_OF_SCOPE, nothing stored', async () => {
    const laoCaiCityUpstream = await vigil.token('upstream', laoCaiCity);
    const intruding = target(yenBaiPlan, 'T-LCC', laoCaiCity);

    const alone = await post(intruding, laoCaiCityUpstream);
    expect([alone.status, alone.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect(alone.body.detail).toContain(yenBai);
    const inBatch = await post(
      [intruding, envelope('WeaponsCollected', { unitId: laoCaiCity, items: 1, kind: 'homemade' })],
      laoCaiCityUpstream,
    );
    expect(statuses(inBatch.body.results)).toEqual(['OUT_OF_SCOPE', 'appended']);
    // Nothing was stored: the issuing province may still set that target itself.
    const ownTarget = await post(target(yenBaiPlan, 'T-LCC', yenBaiCity), await vigil.token('upstream', yenBai));
    expect(statuses(ownTarget.body.results)).toEqual(['appended']);
  });

  it('refuses revising or withdrawing a target set for the caller’s unit on a directive issued outside its subtree', async () => {
    // The operator may set a target anywhere; the district's own upstream still may not change it.
    const forLaoCaiCity = target(yenBaiPlan, 'T-FOR-LCC', laoCaiCity);
    expect(statuses((await post(forLaoCaiCity, operator)).body.results)).toEqual(['appended']);
    const laoCaiCityUpstream = await vigil.token('upstream', laoCaiCity);

    const changes = await post(
      [
        envelope('TargetRevised', { directiveId: yenBaiPlan, targetId: 'T-FOR-LCC', value: 1 }),
        envelope('TargetWithdrawn', { directiveId: yenBaiPlan, targetId: 'T-FOR-LCC', reason: 'not ours to keep' }),
      ],
      laoCaiCityUpstream,
    );
    expect(statuses(changes.body.results)).toEqual(['OUT_OF_SCOPE', 'OUT_OF_SCOPE']);
    // A token whose subtree holds both the issuing unit and the target's may.
    const byMinistry = await post(
      envelope('TargetRevised', { directiveId: yenBaiPlan, targetId: 'T-FOR-LCC', value: 2 }),
      await vigil.token('upstream', ministry),
    );
    expect(statuses(byMinistry.body.results)).toEqual(['appended']);
  });

  it('lets the issuing province’s analyst read its directive’s progress, and lists each analyst only what it may see', async () => {
    const yenBaiAnalyst = await vigil.token('analyst', yenBai);
    const laoCaiAnalyst = await vigil.token('analyst', laoCai);
    const ours = (body: { directives: Listed[] }) =>
      Object.fromEntries(
        body.directives
          .filter((d) => d.directiveId === yenBaiPlan || d.directiveId === laoCaiPlan)
          .map((d) => [d.directiveId, d.targets.map((t) => t.targetId).sort()]),
      );

    // Once the figures hold both plans as written (the operator sees every target)…
    await eventually(async () => {
      const { status, body } = await getJson(`${vigil.url}/v1/directives`, operator);
      const all = status === 200 ? ours(body) : {};
      return all[yenBaiPlan]?.length === 4 && all[laoCaiPlan]?.length === 1 ? all : undefined;
    });

    // …Yên Bái's analyst reads its plan's progress, without the target the operator set in Lào Cai,
    const progress = await getJson(`${vigil.url}/v1/directives/${yenBaiPlan}/progress`, yenBaiAnalyst);
    expect(progress.status).toBe(200);
    expect(progress.body.targets.map((t: { targetId: string }) => t.targetId).sort()).toEqual(['T-LCC', 'T-YBC', 'T-YBI']);
    // and lists that plan alone, never Lào Cai's;
    const yenBaiList = await getJson(`${vigil.url}/v1/directives`, yenBaiAnalyst);
    expect(yenBaiList.status).toBe(200);
    expect(ours(yenBaiList.body)).toEqual({ [yenBaiPlan]: ['T-LCC', 'T-YBC', 'T-YBI'] });
    // Lào Cai's analyst lists its own plan and, of Yên Bái's, only the target set in its subtree;
    const laoCaiList = await getJson(`${vigil.url}/v1/directives`, laoCaiAnalyst);
    expect(ours(laoCaiList.body)).toEqual({ [laoCaiPlan]: ['T-LCI'], [yenBaiPlan]: ['T-FOR-LCC'] });
    // a district analyst of Yên Bái, the plan its province issued with the targets above it and under it.
    const cityList = await getJson(`${vigil.url}/v1/directives`, await vigil.token('analyst', yenBaiCity));
    expect(ours(cityList.body)).toEqual({ [yenBaiPlan]: ['T-LCC', 'T-YBC', 'T-YBI'] });
  });
});
