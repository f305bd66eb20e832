import { randomUUID } from 'node:crypto';
import { createLogger, Metrics } from '@vigil/platform';
import type { Kafka, Message } from 'kafkajs';
import { Pool } from 'pg';
import { casesProjection, type Projection, schemaOf } from '@vigil/projections';
import { ensureTopics } from '../kafka/ensure-topics';
import { createKafka } from '../kafka/kafka-client';
import { allTopics, consumerGroup, deadLetterTopic, topicOf } from '../kafka/topics';
import { ProjectionRunner } from './projection-runner';
import { eventually } from '../../../platform/src/testing/eventually';

// The runner against the real broker and database: redelivery, gaps, unapplicable events, two instances.
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const logger = createLogger('fatal');

interface CaseRecord {
  case_id: string;
  status: string;
  arrests: number;
  persons: number;
  last_revision: string;
}

/** A stored event as the relay publishes it (CONTRACT.md §6). */
function message(caseId: string, revision: number, type: string, data: Record<string, unknown> = {}): Message {
  const streamId = `case-${caseId}`;
  const value = {
    eventId: randomUUID(),
    type,
    occurredAt: `2024-03-0${1 + (revision % 9)}T08:00:00+07:00`,
    data: { caseId, ...data },
    metadata: { principal: { role: 'upstream', unit: 'VN' } },
    streamId,
    revision: String(revision),
    position: String(revision + 1),
    recordedAt: '2024-03-10T00:00:00.000Z',
  };
  return { key: streamId, value: JSON.stringify(value) };
}
const opened = (caseId: string, revision = 0) =>
  message(caseId, revision, 'CaseOpened', { unitId: 'VN', category: 'drugs', severity: 'serious' });
const arrest = (caseId: string, revision: number, persons: number) =>
  message(caseId, revision, 'ArrestMade', { arrestId: `${caseId}:A${revision}`, persons });
const cleared = (caseId: string, revision: number) => message(caseId, revision, 'CaseCleared');

describe('ProjectionRunner', () => {
  let pool: Pool;
  let kafka: Kafka;
  let namespace: string;
  const runners: ProjectionRunner[] = [];
  const projections: Projection[] = [];

  const freshProjection = (): Projection => {
    const projection = { ...casesProjection, name: `cases_t${randomUUID().slice(0, 8)}` };
    projections.push(projection);
    return projection;
  };
  const startRunner = async (projection: Projection, metrics = new Metrics()) => {
    const runner = new ProjectionRunner(projection, kafka, pool, { namespace, partitions: 3 }, metrics, logger);
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const stopRunner = async (runner: ProjectionRunner) => {
    await runner.stop();
    runners.splice(runners.indexOf(runner), 1);
  };
  const publish = async (messages: Message[]) => {
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic: topicOf(namespace, 'cases'), messages, acks: -1 });
    await producer.disconnect();
  };
  const rows = async (projection: Projection, caseIds?: string[]): Promise<CaseRecord[]> =>
    (
      await pool.query<CaseRecord>(
        `SELECT case_id, status, arrests, persons, last_revision FROM ${schemaOf(projection)}.cases
         WHERE $1::text[] IS NULL OR case_id = ANY($1) ORDER BY case_id`,
        [caseIds ?? null],
      )
    ).rows;
  const rowOf = async (projection: Projection, caseId: string) => (await rows(projection, [caseId]))[0];
  const deadLetters = async (count: number) => {
    const consumer = kafka.consumer({ groupId: `dl-reader-${randomUUID()}` });
    const received: { value: any; reason: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: deadLetterTopic(namespace), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message: received1 }) => {
        received.push({ value: JSON.parse(received1.value!.toString()), reason: received1.headers!['vigil-reason']!.toString() });
      },
    });
    await eventually(async () => (received.length >= count ? true : undefined));
    await consumer.disconnect();
    return received;
  };

  beforeAll(async () => {
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
    kafka = createKafka(BROKERS, 'runner-int-spec', logger);
  });
  beforeEach(async () => {
    namespace = `test-${randomUUID().slice(0, 8)}`;
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, allTopics(namespace), 3);
    await admin.disconnect();
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });
  afterAll(async () => {
    for (const projection of projections) {
      await pool.query(`DROP SCHEMA IF EXISTS ${schemaOf(projection)} CASCADE`);
      await pool.query('DELETE FROM projection_versions WHERE projection = $1', [projection.name]);
    }
    await pool.end();
  });

  it('gives the same rows when the same batch is delivered again', async () => {
    const projection = freshProjection();
    const caseId = `A-${randomUUID().slice(0, 8)}`;
    const batch = [opened(caseId), arrest(caseId, 1, 3), cleared(caseId, 2)];
    await publish(batch);
    const first = await startRunner(projection);
    const expected = { case_id: caseId, status: 'cleared', arrests: 1, persons: 3, last_revision: '2' };
    await eventually(async () => ((await rowOf(projection, caseId))?.last_revision === '2' ? true : undefined));
    expect(await rowOf(projection, caseId)).toEqual(expected);

    // The relay republishing after a crash: the same messages again, then one new event.
    await publish([...batch, arrest(caseId, 3, 2)]);
    await eventually(async () => ((await rowOf(projection, caseId))?.last_revision === '3' ? true : undefined));
    expect(await rowOf(projection, caseId)).toEqual({ ...expected, arrests: 2, persons: 5, last_revision: '3' });

    // A consumer rewound to the start (lost offsets, a replay): the whole topic once more.
    await stopRunner(first);
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({
      groupId: consumerGroup(namespace, `projector.${projection.name}`),
      topic: topicOf(namespace, 'cases'),
      earliest: true,
    });
    await admin.disconnect();
    const metrics = new Metrics();
    await startRunner(projection, metrics);
    await eventually(() => skippedAll(metrics));
    expect(await rowOf(projection, caseId)).toEqual({ ...expected, arrests: 2, persons: 5, last_revision: '3' });
  });

  it('dead-letters an event after a missing revision and does not move the stream past the gap', async () => {
    const projection = freshProjection();
    const caseId = `G-${randomUUID().slice(0, 8)}`;
    const gap = cleared(caseId, 2);
    await publish([opened(caseId), gap]);
    await startRunner(projection);

    const [deadLetter] = await deadLetters(1);
    expect(deadLetter!.reason).toBe(`revision gap in case-${caseId}: expected revision 1, got 2`);
    expect(deadLetter!.value).toEqual({
      projection: projection.name,
      reason: deadLetter!.reason,
      original: {
        topic: topicOf(namespace, 'cases'),
        partition: expect.any(Number),
        offset: '1',
        key: `case-${caseId}`,
        value: gap.value,
      },
    });
    expect(await rowOf(projection, caseId)).toEqual({
      case_id: caseId,
      status: 'open',
      arrests: 0,
      persons: 0,
      last_revision: '0',
    });
  });

  it('dead-letters an unapplicable event or an unparsable message and applies the rest of the batch', async () => {
    const projection = freshProjection();
    const unopened = `U-${randomUUID().slice(0, 8)}`;
    const healthy = `H-${randomUUID().slice(0, 8)}`;
    const bad = cleared(unopened, 0);
    await publish([
      bad,
      opened(unopened, 1),
      { key: `case-${unopened}`, value: 'not json' },
      opened(healthy),
      arrest(healthy, 1, 4),
    ]);
    await startRunner(projection);

    const received = await deadLetters(2);
    expect(received.map((deadLetter) => deadLetter.reason).sort()).toEqual([
      `case ${unopened} has not been opened`,
      'the value is not JSON',
    ]);
    await eventually(async () => ((await rowOf(projection, healthy))?.last_revision === '1' ? true : undefined));
    expect(await rows(projection, [unopened, healthy])).toEqual([
      { case_id: healthy, status: 'open', arrests: 1, persons: 4, last_revision: '1' },
      { case_id: unopened, status: 'open', arrests: 0, persons: 0, last_revision: '1' },
    ]);
  });

  it('gives with two instances in one group the same rows as one instance, each event applied once', async () => {
    const single = freshProjection();
    const split = freshProjection();
    const caseIds = Array.from({ length: 60 }, (_, index) => `S${String(index).padStart(2, '0')}-${randomUUID().slice(0, 6)}`);
    const events = caseIds.flatMap((caseId, index) => [
      opened(caseId),
      arrest(caseId, 1, 1 + (index % 4)),
      ...(index % 3 ? [cleared(caseId, 2)] : []),
    ]);

    const metricsA = new Metrics();
    const metricsB = new Metrics();
    await Promise.all([startRunner(split, metricsA), startRunner(split, metricsB)]);
    await publish(events.slice(0, 80));
    await startRunner(single);
    await publish(events.slice(80));

    const lastRevision = (index: number) => (index % 3 ? '2' : '1');
    const caughtUp = async (projection: Projection) => {
      const current = await rows(projection);
      return current.length === caseIds.length &&
        current.every((row) => row.last_revision === lastRevision(caseIds.indexOf(row.case_id)))
        ? current
        : undefined;
    };
    const [fromOne, fromTwo] = await Promise.all([eventually(() => caughtUp(single)), eventually(() => caughtUp(split))]);
    expect(fromTwo).toEqual(fromOne);
    // A runner counts a turn when its COMMIT answers, which may come just after another connection sees the rows.
    const counted = async () => (await appliedTotal(metricsA)) + (await appliedTotal(metricsB));
    await eventually(async () => ((await counted()) >= events.length ? true : undefined), 5_000).catch(() => undefined);
    expect(await counted()).toBe(events.length);
  });
});

async function appliedTotal(metrics: Metrics): Promise<number> {
  const metric = metrics.registry.getSingleMetric('vigil_projection_applied_total');
  if (!metric) return 0;
  return (await metric.get()).values.reduce((sum, value) => sum + value.value, 0);
}

/** The rewound consumer has seen every message again without applying any. */
async function skippedAll(metrics: Metrics): Promise<true | undefined> {
  const lag = metrics.registry.getSingleMetric('vigil_projection_lag_messages');
  if (!lag) return undefined;
  const values = (await lag.get()).values;
  return values.length > 0 && values.every((value) => value.value === 0) && (await appliedTotal(metrics)) === 0
    ? true
    : undefined;
}
