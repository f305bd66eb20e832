import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@vigil/contract';
import { toTopicMessages } from '@vigil/messaging';
import { Metrics } from '@vigil/platform';
import { Kafka, logLevel } from 'kafkajs';
import { envelope, fresh } from './support/events';
import { runVigil } from './support/cli';
import { postJson } from './support/http';
import { getJson } from './support/http-get';
import { type VigilUnderTest, eventually, startVigilUnderTest } from './support/vigil-under-test';

interface Listed {
  projection?: string;
  reason: string;
  original: { key: string };
}

interface Readiness {
  status: string;
  checks: Record<string, { status: string; reason?: string }>;
}

// Issue 17, defence in depth: events the door accepted (or that were stored before its bounds) that a
// projection cannot store — a count past PostgreSQL's int, a year PostgreSQL has no date for — are put
// straight on the projections' topic, as a relay would, among events of other communes on the same
// partition. The cases register fails on them with a database error: it retries the batch, says so
// in /health/ready and the metrics meanwhile, then dead-letters the poison events with the reason and
// applies the others; the consumer carries on and readiness comes back.
describe('poison events below the door', () => {
  let vigil: VigilUnderTest;
  const kafka = new Kafka({
    clientId: 'poison-events-e2e',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  const ministry = fresh('VN');
  const province = `${ministry}-P`;
  const communes = ['A', 'B', 'C'].map((name) => `${province}-${name}`);
  const [communeA, communeB, communeC] = communes as [string, string, string];

  /** A stored event as the relay would publish it (positions far past the test database's log). */
  const stored = (caseId: string, revision: bigint, type: string, data: Record<string, unknown>, occurredAt: string) =>
    ({
      eventId: randomUUID(),
      type,
      occurredAt,
      data: { caseId, ...data },
      metadata: { principal: { role: 'upstream', unit: ministry } },
      streamId: `case-${caseId}`,
      revision,
      position: 8_000_000_000n + BigInt(Math.floor(Math.random() * 1_000_000)) * 10n + revision,
      recordedAt: new Date().toISOString(),
    }) as unknown as StoredEvent;
  const opened = (caseId: string, unitId: string, occurredAt = '2024-03-01T08:00:00+07:00') =>
    stored(caseId, 0n, 'CaseOpened', { unitId, category: 'drugs', severity: 'serious' }, occurredAt);
  const arrest = (caseId: string, revision: bigint, persons: number) =>
    stored(caseId, revision, 'ArrestMade', { arrestId: `${caseId}:A${revision}`, persons }, '2024-03-02T08:00:00+07:00');

  const readiness = async (): Promise<{ status: number; body: Readiness }> => {
    const response = await fetch(`${vigil.url}/health/ready`);
    return { status: response.status, body: (await response.json()) as Readiness };
  };
  const metricValue = async (name: string, labels: Record<string, string>) => {
    const metric = vigil.app.get(Metrics).registry.getSingleMetric(name);
    const values = metric ? (await metric.get()).values : [];
    const found = values.find((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label));
    return found?.value ?? 0;
  };

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    await producer.connect();
    const units = [
      envelope('UnitRegistered', { unitId: ministry, name: 'Ministry', level: 'ministry', parentUnitId: null }),
      envelope('UnitRegistered', { unitId: province, name: 'Province', level: 'province', parentUnitId: ministry }),
      ...communes.map((unitId) => envelope('UnitRegistered', { unitId, name: unitId, level: 'commune', parentUnitId: province })),
    ];
    const posted = await postJson(`${vigil.url}/v1/events`, units, await vigil.token('operator', ministry));
    expect(posted.status).toBe(200);
    // Every consumer joined its group: from here on, down means stalled.
    await eventually(async () => ((await readiness()).status === 200 ? true : undefined), 60_000);
  }, 90_000);
  afterAll(async () => {
    await producer.disconnect();
    await vigil.close();
  });

  it('dead-letters them with the reason after retries, applies the other communes’ events of the partition, and reports the stall meanwhile', async () => {
    const analyst = await vigil.token('analyst', ministry);
    const casesOf = async (unitId: string) =>
      ((await getJson(`${vigil.url}/v1/cases?unitId=${unitId}`, analyst)).body.items ?? []) as {
        caseId: string;
        persons: number;
      }[];
    const ancient = `${communeA}-ANCIENT`;
    const huge = `${communeA}-HUGE`;
    const [bystanderB, bystanderC] = [`${communeB}-C1`, `${communeC}-C1`];
    const events = [
      opened(ancient, communeA, '0000-01-01T00:00:00Z'),
      opened(huge, communeA),
      arrest(huge, 1n, 3_000_000_000),
      opened(bystanderB, communeB),
      opened(bystanderC, communeC),
      arrest(bystanderB, 1n, 2),
    ];
    // One partition for all of them, so the bystanders wait behind the poison events.
    const [{ topic, messages }] = toTopicMessages(vigil.config.VIGIL_NAMESPACE, events);
    await producer.send({ topic: topic!, messages: messages.map((message) => ({ ...message, partition: 0 })), acks: -1 });

    // While the cases register retries the batch, readiness says which projection, where and why, and a gauge counts it.
    const stalled = await eventually(async () => {
      const stuckPartitions = await metricValue('vigil_projection_stuck_partitions', { projection: 'cases' });
      const ready = await readiness();
      return stuckPartitions === 1 && ready.status === 503 && ready.body.checks.projector?.status === 'down'
        ? ready.body
        : undefined;
    }, 30_000);
    expect(stalled.checks.projector!.reason).toMatch(/cases: stuck at .*\/0 for \d+ s after \d+ failed attempts \(lag \d+\)/);
    expect(stalled.checks.projector!.reason).toMatch(/out of range/);

    // Then the poison events are dead-lettered with the database's reason, by the register and the figures.
    const listed = await eventually(async () => {
      const all = JSON.parse((await runVigil(['dead-letters', 'list', '--json'], vigil.config.VIGIL_NAMESPACE)).out) as Listed[];
      const mine = all.filter((entry) => entry.projection === 'cases');
      return mine.length === 2 ? all.filter((entry) => entry.projection !== undefined) : undefined;
    }, 30_000);
    const reasons = (projection: string) =>
      Object.fromEntries(
        listed.filter((entry) => entry.projection === projection).map((entry) => [entry.original.key, entry.reason]),
      );
    expect(reasons('cases')).toEqual({
      [`case-${ancient}`]: expect.stringMatching(/^cases cannot apply it: 22008 .*out of range/),
      [`case-${huge}`]: expect.stringMatching(/^cases cannot apply it: 22003 .*out of range for type integer/),
    });
    expect(Object.keys(reasons('figures')).sort()).toEqual([`case-${ancient}`, `case-${huge}`].sort());

    // The other communes' cases behind them on the partition are in the register, and so is the poison's case without it.
    expect(await eventually(async () => ((await casesOf(communeB))[0]?.persons === 2 ? casesOf(communeB) : undefined))).toEqual([
      expect.objectContaining({ caseId: bystanderB, arrests: 1, persons: 2 }),
    ]);
    expect(await casesOf(communeC)).toEqual([expect.objectContaining({ caseId: bystanderC, arrests: 0 })]);
    expect(await casesOf(communeA)).toEqual([expect.objectContaining({ caseId: huge, arrests: 0, persons: 0 })]);
    const stats = await getJson(`${vigil.url}/v1/units/${province}/stats?from=2024-01-01&to=2024-12-31`, analyst);
    expect(stats.body).toMatchObject({ casesOpened: 3 });

    // Ready again, and the metrics counted the failed attempts and the dead letters.
    expect(await eventually(async () => ((await readiness()).status === 200 ? true : undefined), 15_000)).toBe(true);
    expect(
      await metricValue('vigil_projection_failures_total', { projection: 'cases', reason: 'permanent' }),
    ).toBeGreaterThanOrEqual(3);
    expect(await metricValue('vigil_projection_failures_total', { projection: 'cases', reason: 'transient' })).toBe(0);
    expect(await metricValue('vigil_projection_dead_letters_total', { projection: 'cases' })).toBe(2);
    expect(await metricValue('vigil_projection_stuck_partitions', { projection: 'cases' })).toBe(0);
  }, 90_000);
});
