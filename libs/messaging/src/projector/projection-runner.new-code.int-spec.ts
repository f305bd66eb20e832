import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@vigil/contract';
import { PostgresEventStore } from '@vigil/event-store';
import { createLogger, Metrics } from '@vigil/platform';
import { Pool, type PoolClient } from 'pg';
import { prepareProjection, type Projection, servingSchemaOf, versionsOf } from '@vigil/projections';
import { createKafka } from '../kafka/kafka-client';
import { ProjectionRunner } from './projection-runner';

// A projection whose code version changed: the runner builds a version for the new code from the
// event store (the old one serving meanwhile), switches, and only then consumes — against the real
// database, store and broker.
describe('ProjectionRunner with a new code version of its projection', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
  const store = new PostgresEventStore(pool);
  const kafka = createKafka(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', 'new-code-spec', createLogger('fatal'));
  afterAll(() => pool.end());

  const tag = `NC${randomUUID().slice(0, 6).toUpperCase()}`;
  /** Version 1 counts opened cases per unit; version 2 also counts the persons arrested. */
  const projection = (codeVersion: 1 | 2): Projection => ({
    name: `nc_${tag.toLowerCase()}`,
    codeVersion,
    categories: ['cases'],
    createTables: async (client: PoolClient, schema: string) => {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${schema}.per_unit (unit_id text PRIMARY KEY, cases int NOT NULL${codeVersion === 2 ? ', persons int NOT NULL DEFAULT 0' : ''})`,
      );
    },
    apply: async (client: PoolClient, schema: string, events: readonly StoredEvent[]) => {
      for (const event of events) {
        if (event.type === 'CaseOpened' && event.data.unitId === tag)
          await client.query(
            `INSERT INTO ${schema}.per_unit (unit_id, cases) VALUES ($1, 1) ON CONFLICT (unit_id) DO UPDATE SET cases = per_unit.cases + 1`,
            [tag],
          );
        if (codeVersion === 2 && event.type === 'ArrestMade' && event.data.caseId.startsWith(tag))
          await client.query(`UPDATE ${schema}.per_unit SET persons = persons + $2 WHERE unit_id = $1`, [
            tag,
            event.data.persons,
          ]);
      }
    },
  });

  it('rebuilds from the store, drops the version built by the old code, then runs', async () => {
    await prepareProjection(pool, projection(1));
    for (const n of [1, 2]) {
      const caseId = `${tag}-C${n}`;
      await store.appendMany([
        {
          streamId: `case-${caseId}`,
          expectedRevision: 'no_stream',
          events: [
            {
              envelope: {
                eventId: randomUUID(),
                type: 'CaseOpened',
                occurredAt: '2024-03-01T08:00:00Z',
                data: { caseId, unitId: tag, category: 'drugs', severity: 'serious' },
              },
              principal: { role: 'upstream', unit: tag },
            },
            {
              envelope: {
                eventId: randomUUID(),
                type: 'ArrestMade',
                occurredAt: '2024-03-02T08:00:00Z',
                data: { caseId, arrestId: `${caseId}:A1`, persons: n + 1 },
              },
              principal: { role: 'upstream', unit: tag },
            },
          ],
        },
      ]);
    }

    const namespace = `nc-${randomUUID().slice(0, 8)}`;
    const runner = new ProjectionRunner(
      projection(2),
      kafka,
      pool,
      { namespace, partitions: 1, store },
      new Metrics(),
      createLogger('fatal'),
    );
    try {
      await runner.start();
      expect(runner.status.report()).toMatchObject({ status: 'up' });
      expect((await versionsOf(pool, projection(2).name)).map((v) => [v.version, v.state, v.codeVersion])).toEqual([
        [2, 'live', 2],
      ]);
      const { rows } = await pool.query(`SELECT unit_id, cases, persons FROM ${servingSchemaOf(projection(2))}.per_unit`);
      expect(rows).toEqual([{ unit_id: tag, cases: 2, persons: 5 }]);
    } finally {
      await runner.stop();
    }
  });
});
