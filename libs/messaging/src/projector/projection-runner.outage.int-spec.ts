import { randomUUID } from 'node:crypto';
import { createLogger, guardPool, Metrics } from '@vigil/platform';
import type { Kafka, Message } from 'kafkajs';
import pg, { Pool } from 'pg';
import { casesProjection, type Projection, schemaOf } from '@vigil/projections';
import { ensureTopics } from '../kafka/ensure-topics';
import { createKafka } from '../kafka/kafka-client';
import { allTopics, deadLetterTopic, topicOf } from '../kafka/topics';
import { ProjectionRunner } from './projection-runner';
import { eventually } from '../../../platform/src/testing/eventually';

// Issue 17: a database outage is not a poison event. While the read database refuses connections,
// the runner holds its batch and waits (reported down, counted as transient failures), however many
// attempts that takes; it dead-letters nothing, and applies the batch once the database is back.
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const logger = createLogger('fatal');
const RETRY = { attemptsBeforeIsolating: 2, firstDelayMs: 100, maxDelayMs: 400 };

const opened = (caseId: string): Message => {
  const streamId = `case-${caseId}`;
  const value = {
    eventId: randomUUID(),
    type: 'CaseOpened',
    occurredAt: '2024-03-01T08:00:00+07:00',
    data: { caseId, unitId: 'VN', category: 'drugs', severity: 'serious' },
    metadata: { principal: { role: 'upstream', unit: 'VN' } },
    streamId,
    revision: '0',
    position: '1',
    recordedAt: '2024-03-10T00:00:00.000Z',
  };
  return { key: streamId, value: JSON.stringify(value) };
};

describe('ProjectionRunner during a database outage', () => {
  const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(process.env.DATABASE_URL!), { pathname: '/postgres' }).toString(),
  });
  const allowConnections = (allowed: boolean) =>
    admin.query(`ALTER DATABASE ${pg.escapeIdentifier(database)} WITH ALLOW_CONNECTIONS ${allowed}`);
  let pool: Pool;
  let kafka: Kafka;
  let runner: ProjectionRunner | undefined;
  const projection: Projection = { ...casesProjection, name: `cases_o${randomUUID().slice(0, 8)}` };

  beforeAll(async () => {
    await admin.connect();
    pool = guardPool(new Pool({ connectionString: process.env.DATABASE_URL, max: 4 }));
    kafka = createKafka(BROKERS, 'runner-outage-int-spec', logger);
  });
  afterAll(async () => {
    await allowConnections(true);
    await runner?.stop();
    await pool.query(`DROP SCHEMA IF EXISTS ${schemaOf(projection)} CASCADE`);
    await pool.query('DELETE FROM projection_versions WHERE projection = $1', [projection.name]);
    await pool.end();
    await admin.end();
  });

  it('waits for the database, reported down and counted as transient, dead-letters nothing, and applies the batch after', async () => {
    const namespace = `test-${randomUUID().slice(0, 8)}`;
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await ensureTopics(kafkaAdmin, allTopics(namespace), 1);
    const metrics = new Metrics();
    runner = new ProjectionRunner(projection, kafka, pool, { namespace, partitions: 1, retry: RETRY }, metrics, logger);
    await runner.start();
    await eventually(async () => (runner!.status.report().status === 'up' ? true : undefined));

    await allowConnections(false);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
    const caseIds = ['O1', 'O2', 'O3'].map((id) => `${id}-${randomUUID().slice(0, 8)}`);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: topicOf(namespace, 'cases'), messages: caseIds.map(opened), acks: -1 });
    await producer.disconnect();

    const down = await eventually(async () => {
      const report = runner!.status.report();
      return report.status === 'down' && /failed attempts/.test(report.reason ?? '') ? report : undefined;
    });
    expect(down.reason).toMatch(/stuck at .*\/0 .*\(lag 3\): transient: .*not currently accepting connections/);
    // Many more failed attempts than it takes to isolate a poison event: still nothing set aside.
    const failures = async (reason: string) =>
      (await metrics.registry.getSingleMetric('vigil_projection_failures_total')!.get()).values.find(
        (value) => value.labels.reason === reason,
      )?.value ?? 0;
    await eventually(async () => ((await failures('transient')) >= 2 * RETRY.attemptsBeforeIsolating + 1 ? true : undefined));
    expect(await failures('permanent')).toBe(0);

    await allowConnections(true);
    const rows = await eventually(async () => {
      const { rows } = await pool.query<{ case_id: string }>(
        `SELECT case_id FROM ${schemaOf(projection)}.cases WHERE case_id = ANY($1) ORDER BY case_id`,
        [caseIds],
      );
      return rows.length === caseIds.length ? rows : undefined;
    });
    expect(rows.map((row) => row.case_id)).toEqual([...caseIds].sort());
    await eventually(async () => (runner!.status.report().status === 'up' ? true : undefined));
    const deadLetters = await kafkaAdmin.fetchTopicOffsets(deadLetterTopic(namespace));
    await kafkaAdmin.disconnect();
    expect(deadLetters.map((partition) => partition.high)).toEqual(['0']);
    expect(
      (await metrics.registry.getSingleMetric('vigil_projection_dead_letters_total')!.get()).values.map((value) => value.value),
    ).toEqual([0]);
  }, 90_000);
});
