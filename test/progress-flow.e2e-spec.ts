import { envelope, fresh, smallTree } from './support/events';
import { postJson } from './support/http';
import { getJson } from './support/http-get';
import { type VigilUnderTest, eventually, startVigilUnderTest } from './support/vigil-under-test';

// The whole flow: events posted over HTTP → event store → relay → Kafka → projector → figures →
// GET /v1/directives/{id}/progress, with figures computed by hand.
describe('directive progress, end to end', () => {
  let vigil: VigilUnderTest;

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
  });
  afterAll(() => vigil.close());

  it('answers the prosecution rate and the count of a 2024 plan once the events are projected', async () => {
    const tree = smallTree();
    const directiveId = fresh('SC-138');
    const upstream = await vigil.token('upstream', tree.province);
    const caseIds = [1, 2, 3, 4].map(() => fresh('LC-2024'));
    const opened = (caseId: string, day: number) =>
      envelope(
        'CaseOpened',
        { caseId, unitId: tree.commune, category: 'social_order', severity: 'serious' },
        `2024-0${day}-10T09:00:00+07:00`,
      );
    const target = (targetId: string, metric: string, value: number) =>
      envelope('TargetSet', {
        directiveId,
        targetId,
        unitId: tree.province,
        metric,
        comparator: 'atLeast',
        value,
        periodStart: '2024-01-01',
        periodEnd: '2024-12-31',
      });

    const setUp = await postJson(
      `${vigil.url}/v1/events`,
      [
        ...tree.events,
        envelope('DirectiveIssued', {
          directiveId,
          code: 'SC-138/2024',
          title: 'Crime prevention plan 2024',
          issuedByUnitId: tree.province,
        }),
        target('prosecution', 'cases.prosecutionRate', 50),
        target('opened', 'cases.opened', 5),
      ],
      await vigil.token('operator'),
    );
    expect(setUp.body.results.every((result: { status: string }) => result.status === 'appended')).toBe(true);

    const work = await postJson(
      `${vigil.url}/v1/events`,
      [
        ...caseIds.map((caseId, index) => opened(caseId, index + 2)),
        envelope('CaseProsecuted', { caseId: caseIds[0], defendants: 2 }, '2024-08-01T09:00:00+07:00'),
        envelope('CaseProsecuted', { caseId: caseIds[1], defendants: 1 }, '2024-08-02T09:00:00+07:00'),
        envelope('CaseVoided', { caseId: caseIds[3], reason: 'opened in error' }, '2024-08-03T09:00:00+07:00'),
      ],
      upstream,
    );
    expect(work.body.results.map((result: { status: string }) => result.status)).toEqual(Array(7).fill('appended'));

    const analyst = await vigil.token('analyst', tree.ministry);
    // 3 cases count (one voided), 2 of them prosecuted: 66.67 % against ≥ 50 %; 3 opened against ≥ 5.
    const progress = await eventually(async () => {
      const { status, body } = await getJson(`${vigil.url}/v1/directives/${directiveId}/progress`, analyst);
      const prosecution = body?.targets?.find((t: { targetId: string }) => t.targetId === 'prosecution');
      return status === 200 && prosecution?.denominator === 3 && prosecution?.numerator === 2 ? body : undefined;
    }, 30_000).catch(async (error: Error) => {
      // Say where the pipeline stood: readiness carries the relay's lag and each projection's state.
      const ready = await fetch(`${vigil.url}/health/ready`).then((response) => response.text());
      throw new Error(`${error.message}; readiness: ${ready}`);
    });

    // Attainment is computed on the answered (rounded) actual: 100 × 66.67 / 50 = 133.34.
    expect(progress.targets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          targetId: 'prosecution',
          actual: 66.67,
          numerator: 2,
          denominator: 3,
          attainmentPct: 133.34,
          status: 'achieved',
        }),
        expect.objectContaining({ targetId: 'opened', actual: 3, numerator: 3, attainmentPct: 60, status: 'missed' }),
      ]),
    );
    expect(progress.targets).toHaveLength(2);
  });
});
