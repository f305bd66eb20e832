import { randomUUID } from 'node:crypto';
import { categoryOfStream, type StoredEvent } from '@vigil/contract';
import { serializeEvent } from '@vigil/event-store';
import { createLogger, Metrics } from '@vigil/platform';
import type { Kafka } from 'kafkajs';
import { Pool, type PoolClient } from 'pg';
import { PROJECTIONS, type Projection, comparableRowsSql, schemaOf } from '@vigil/projections';
import { figuresAnswers, mixedWorkload } from '../../../projections/src/figures/figures.testing';
import { ensureTopics } from '../kafka/ensure-topics';
import { createKafka } from '../kafka/kafka-client';
import { allTopics, topicOf } from '../kafka/topics';
import { ProjectionRunner } from './projection-runner';
import { eventually as eventuallyWithin } from '../../../platform/src/testing/eventually';

// Issue 5, item 4: every read model after a projector killed mid-batch, or split over two instances,
// is row for row the one an uninterrupted single projector builds from the same Kafka messages.
// Read models are read from their first version's schema (`rm_<name>_v1`), guard table included.
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const PARTITIONS = 3;
const CAUGHT_UP_MS = 60_000;
const eventually = <T>(probe: () => Promise<T | undefined>) => eventuallyWithin(probe, CAUGHT_UP_MS);
const logger = createLogger('fatal');

type Snapshot = Record<string, unknown[]>;
/** A read model's tables row for row, and what its queries answer. */
interface ReadModel {
  answers: Record<string, unknown>;
  tables: Snapshot;
}

/**
 * Every table of a read model's schema, each as its rows (JSON) in a stable order, a delta table by
 * its net values (`deltaTables`). Derived sums (`derivedTables`) may split their deltas differently
 * with the order batches arrive in, so they are compared through what the figures answer instead.
 */
async function snapshot(pool: Pool, projection: Projection): Promise<Snapshot> {
  const schema = schemaOf(projection);
  const { rows: tables } = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND NOT table_name = ANY($2::text[]) ORDER BY 1`,
    [schema, [...(projection.derivedTables ?? [])]],
  );
  const result: Snapshot = {};
  for (const { table_name: table } of tables) {
    const { rows: columns } = await pool.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
      [schema, table],
    );
    const comparable = comparableRowsSql(
      projection,
      schema,
      table,
      columns.map((column) => column.column_name),
    );
    const { rows } = await pool.query<{ row: unknown }>(
      `SELECT to_jsonb(t) AS row FROM (${comparable}) t ORDER BY to_jsonb(t)::text`,
    );
    result[table] = rows.map((row) => row.row);
  }
  return result;
}

/** Applied events so far: revisions start at 0 and move one by one, so revision + 1 per stream. */
async function appliedEvents(pool: Pool, projection: Projection): Promise<number> {
  const { rows } = await pool.query<{ applied: string }>(
    `SELECT coalesce(sum(revision + 1), 0) AS applied FROM "${schemaOf(projection)}".applied_streams`,
  );
  return Number(rows[0]!.applied);
}

async function appliedTotal(metrics: Metrics): Promise<number> {
  const metric = metrics.registry.getSingleMetric('vigil_projection_applied_total');
  if (!metric) return 0;
  return (await metric.get()).values.reduce((sum, value) => sum + value.value, 0);
}

/** A projector's process dying: its runner torn down without waiting, as the dying batch is still on the stack. */
class Death {
  runner: ProjectionRunner | undefined;
  stopped: Promise<void> | undefined;

  strike(reason: string): never {
    this.stopped = this.runner!.stop();
    throw new Error(reason);
  }

  /** Resolves once the runner died and its consumer left the group. */
  async happened(): Promise<void> {
    await eventually(async () => (this.stopped ? true : undefined));
    await this.stopped;
  }
}

describe('ProjectionRunner under faults', () => {
  const events = mixedWorkload();
  const eventsOf = (projection: Projection) =>
    events.filter((event) => projection.categories.includes(categoryOfStream(event.streamId)));
  let pool: Pool;
  let kafka: Kafka;
  const runners = new Set<ProjectionRunner>();
  const projections: Projection[] = [];
  /** Each read model as one uninterrupted projector built it. */
  const reference = new Map<string, ReadModel>();
  const readModel = async (original: Projection, copy: Projection): Promise<ReadModel> => ({
    answers: original.name === 'figures' ? await figuresAnswers(pool, schemaOf(copy)) : {},
    tables: await snapshot(pool, copy),
  });

  /** The same projection under a name of its own: its own schema and consumer group. */
  const copyOf = (projection: Projection, overrides: Partial<Projection> = {}): Projection => {
    const copy = { ...projection, name: `${projection.name}_f${randomUUID().slice(0, 8)}`, ...overrides };
    projections.push(copy);
    return copy;
  };
  const runnerOf = (projection: Projection, namespace: string, metrics = new Metrics()) => {
    const runner = new ProjectionRunner(projection, kafka, pool, { namespace, partitions: PARTITIONS }, metrics, logger);
    runners.add(runner);
    return runner;
  };
  const startRunner = async (projection: Projection, namespace: string, metrics = new Metrics()) => {
    const runner = runnerOf(projection, namespace, metrics);
    await runner.start();
    return runner;
  };
  /** Starts a runner of `projection` that `death` can strike, and waits until it struck. */
  const runUntilDeath = async (projection: Projection, namespace: string, death: Death, metrics = new Metrics()) => {
    death.runner = runnerOf(projection, namespace, metrics);
    await death.runner.start();
    await death.happened();
    runners.delete(death.runner);
  };
  const stopRunner = async (runner: ProjectionRunner) => {
    await runner.stop();
    runners.delete(runner);
  };
  const freshNamespace = async () => {
    const namespace = `test-${randomUUID().slice(0, 8)}`;
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, allTopics(namespace), PARTITIONS);
    await admin.disconnect();
    return namespace;
  };
  /** As the relay publishes them: keyed by stream, one topic per category, in log order. */
  const publish = async (namespace: string, published: readonly StoredEvent[]) => {
    const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const event of published) {
      const topic = topicOf(namespace, categoryOfStream(event.streamId));
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: event.streamId, value: serializeEvent(event).json }]);
    }
    await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })), acks: -1 });
    await producer.disconnect();
  };
  /** Resolves once every stream the projection consumes is at its last revision. */
  const caughtUp = (projection: Projection) =>
    eventually(async () => {
      const expected = new Map(eventsOf(projection).map((event) => [event.streamId, String(event.revision)]));
      const { rows } = await pool.query<{ stream_id: string; revision: string }>(
        `SELECT stream_id, revision FROM "${schemaOf(projection)}".applied_streams`,
      );
      const atLast = rows.filter((row) => expected.get(row.stream_id) === row.revision).length;
      return atLast === expected.size ? true : undefined;
    });
  /** Waits until each copy caught up, then compares it with the original's reference read model. */
  const expectSameReadModels = async (copies: Map<Projection, Projection>) => {
    for (const [original, copy] of copies) {
      await caughtUp(copy);
      const built = await readModel(original, copy);
      const expected = reference.get(original.name)!;
      expect({ [original.name]: built.answers }).toEqual({ [original.name]: expected.answers });
      expect({ [original.name]: built.tables }).toEqual({ [original.name]: expected.tables });
    }
  };

  beforeAll(async () => {
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 12 });
    kafka = createKafka(BROKERS, 'runner-faults-int-spec', logger);
    const namespace = await freshNamespace();
    await publish(namespace, events);
    const copies = PROJECTIONS.map((projection) => copyOf(projection));
    await Promise.all(copies.map((copy) => startRunner(copy, namespace)));
    for (const [index, copy] of copies.entries()) {
      await caughtUp(copy);
      reference.set(PROJECTIONS[index]!.name, await readModel(PROJECTIONS[index]!, copy));
    }
    await Promise.all([...runners].map(stopRunner));
  }, 120_000);
  afterEach(async () => {
    await Promise.all([...runners].map(stopRunner));
  });
  afterAll(async () => {
    for (const projection of projections) {
      await pool.query(`DROP SCHEMA IF EXISTS "${schemaOf(projection)}" CASCADE`);
      await pool.query(`DROP SCHEMA IF EXISTS "rm_${projection.name}" CASCADE`);
      await pool.query('DELETE FROM projection_versions WHERE projection = $1', [projection.name]);
    }
    await pool.end();
  });

  it('builds non-trivial reference read models, every event applied', async () => {
    for (const projection of PROJECTIONS) {
      const { tables } = reference.get(projection.name)!;
      expect([projection.name, tables.applied_streams!.length]).toEqual([
        projection.name,
        new Set(eventsOf(projection).map((event) => event.streamId)).size,
      ]);
    }
    expect(reference.get('cases')!.tables.cases).toHaveLength(60);
    expect(reference.get('hotspots')!.tables.hotspots).toHaveLength(12);
    // The ministry's stats now, every event known.
    const { answers } = reference.get('figures')!;
    // 60 cases less the 9 voided (index 1, 8, … 57); cleared: every third less 15, 36, 57; prosecuted: every fifth less 15, 50.
    expect(answers['now stats VN 2024-01-01..2024-12-31']).toMatchObject({
      unitId: 'VN',
      casesOpened: 51,
      casesCleared: 17,
      casesProsecuted: 10,
    });
  });

  it('gives the same read models after a projector dies mid-batch, its transaction rolled back, and restarts', async () => {
    const namespace = await freshNamespace();
    await publish(namespace, events);
    const copies = new Map<Projection, Projection>();
    for (const original of PROJECTIONS) {
      const death = new Death();
      // Applies part of the first batch of several events, then the process dies before COMMIT.
      const dying = copyOf(original, {
        async apply(client: PoolClient, schema: string, batch: readonly StoredEvent[]) {
          if (death.stopped || batch.length < 2) return original.apply(client, schema, batch);
          await original.apply(client, schema, batch.slice(0, Math.ceil(batch.length / 2)));
          death.strike('projector killed mid-batch');
        },
      });
      await runUntilDeath(dying, namespace, death);
      // Nothing of the dead transaction is visible, and there was work left to do.
      expect(await appliedEvents(pool, dying)).toBeLessThan(eventsOf(original).length);

      await startRunner({ ...dying, apply: original.apply }, namespace);
      copies.set(original, dying);
    }
    await expectSameReadModels(copies);
  }, 180_000);

  it('gives the same read models when a projector dies after its transaction committed but before its offsets did', async () => {
    const namespace = await freshNamespace();
    await publish(namespace, events);
    const copies = new Map<Projection, Projection>();
    for (const original of PROJECTIONS) {
      const death = new Death();
      // The first batch of several events commits in PostgreSQL; the process dies right after, offsets uncommitted.
      const dying = copyOf(original, {
        async apply(client: PoolClient, schema: string, batch: readonly StoredEvent[]) {
          await original.apply(client, schema, batch);
          if (death.stopped || batch.length < 2) return;
          const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
          client.query = (async (...args: unknown[]) => {
            const result = await query(...args);
            if (args[0] !== 'COMMIT') return result;
            client.query = query as never;
            death.strike('projector killed between the PostgreSQL commit and the Kafka commit');
          }) as never;
        },
      });
      const firstRun = new Metrics();
      await runUntilDeath(dying, namespace, death, firstRun);
      const appliedBeforeDeath = await appliedEvents(pool, dying);
      expect(appliedBeforeDeath).toBeGreaterThan(await appliedTotal(firstRun));

      // The restarted projector is handed the committed batch again and applies only what follows it.
      const restart = new Metrics();
      await startRunner({ ...dying, apply: original.apply }, namespace, restart);
      await caughtUp(dying);
      const appliedAfterRestart = eventsOf(original).length - appliedBeforeDeath;
      // The counter moves just after the read model's commit that caughtUp saw.
      await eventually(async () => ((await appliedTotal(restart)) >= appliedAfterRestart ? true : undefined)).catch(
        () => undefined,
      );
      expect([original.name, await appliedTotal(restart)]).toEqual([original.name, appliedAfterRestart]);
      copies.set(original, dying);
    }
    await expectSameReadModels(copies);
  }, 180_000);

  it('gives with two instances in one group, one of them leaving halfway, the same read models as one instance', async () => {
    const namespace = await freshNamespace();
    const half = Math.floor(events.length / 2);
    const copies = new Map<Projection, Projection>();
    const instances = new Map<Projection, { first: ProjectionRunner; metrics: Metrics[] }>();
    for (const original of PROJECTIONS) {
      const copy = copyOf(original);
      const metrics = [new Metrics(), new Metrics()];
      const [first] = await Promise.all([startRunner(copy, namespace, metrics[0]), startRunner(copy, namespace, metrics[1])]);
      copies.set(original, copy);
      instances.set(original, { first: first!, metrics });
    }
    const firstHalf = events.slice(0, half);
    await publish(namespace, firstHalf);
    for (const [original, copy] of copies) {
      const appliedFirstHalf = eventsOf(original).filter((event) => firstHalf.includes(event)).length;
      await eventually(async () => ((await appliedEvents(pool, copy)) === appliedFirstHalf ? true : undefined));
      // Its partitions go to the other instance, which carries on alone.
      await stopRunner(instances.get(original)!.first);
    }
    await publish(namespace, events.slice(half));

    await expectSameReadModels(copies);
    for (const [original, { metrics }] of instances) {
      const applied = (await appliedTotal(metrics[0]!)) + (await appliedTotal(metrics[1]!));
      expect([original.name, applied]).toEqual([original.name, eventsOf(original).length]);
    }
  }, 180_000);
});
