import type { StoredEvent } from '@vigil/contract';
import { inTransaction } from '@vigil/platform';
import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { applyBatch } from '../engine/apply-batch';
import { figuresAnswers, mixedWorkload, StoredEvents } from '../figures/figures.testing';
import { figuresProjection } from '../figures/figures.projection';
import type { Projection, RebuildMemory, RebuildPipeline } from '../projection';
import { casesProjection } from '../registers/cases.projection';
import { createVersionTables } from '../versions';
import { PagePipeline } from './page-pipeline';
import { RebuildRows } from './rebuild-rows';

// A rebuild's pages keep the rows they rewrite (cases, case states) in the run's memory and append
// them to rebuild_rows; its switch makes the tables from them. The tables must come out as the live
// path (upsert per batch) makes them, also when a run resumes (new memory, rows read back) and when
// a page rolls back to its savepoint after the memory took its rows.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const schemas: string[] = [];

afterAll(async () => {
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
});

async function freshVersion(projection: Projection): Promise<string> {
  const schema = `rm_rebuild_rows_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  schemas.push(schema);
  await inTransaction(pool, (client) => createVersionTables(client, projection, schema));
  return schema;
}

/** The mixed workload, then a page whose last event the figures cannot count (after its cases took their rows). */
function workload(): StoredEvent[][] {
  const events = mixedWorkload();
  const pages: StoredEvent[][] = [];
  for (let start = 0; start < events.length; start += 40) pages.push(events.slice(start, start + 40));
  const stored = new StoredEvents();
  const late = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
  const caseId = 'RR-1';
  pages.push([
    {
      ...stored.event('CaseOpened', { caseId, unitId: 'VN-P1-C1', category: 'drugs', severity: 'serious' }, late(0), late(1)),
      position: 100_001n,
    },
    { ...stored.event('CaseCleared', { caseId }, late(2), late(3)), position: 100_002n },
    {
      ...stored.event('WeaponsCollected', { unitId: 'VN-P1-C1', items: 2_000_000_000, kind: 'firearm' }, late(4), late(5)),
      position: 100_003n,
    },
  ] as StoredEvent[]);
  pages.push([
    { ...stored.event('CaseProsecuted', { caseId, defendants: 1 }, late(6), late(7)), position: 100_004n } as StoredEvent,
  ]);
  return pages;
}

async function applyLive(projection: Projection, schema: string, pages: readonly StoredEvent[][]) {
  for (const page of pages)
    await inTransaction(pool, (client) => applyBatch(client, projection, schema, page, { exclusive: true }));
}

/**
 * A rebuild's pages (two at a time for a pipelined projection, as `rebuildProjections` runs them), its
 * run interrupted after `resumeAfter` pages (a new run: new memory), then its switch.
 */
async function applyRebuild(projection: Projection, schema: string, pages: readonly StoredEvent[][], resumeAfter: number) {
  let memory: RebuildMemory = new Map();
  let pipeline = new PagePipeline(pool);
  let unapplicable = 0;
  for (const [index, page] of pages.entries()) {
    if (index === resumeAfter) {
      await pipeline.flush();
      pipeline = new PagePipeline(pool);
      memory = new Map();
    }
    const apply = (client: PoolClient, pipelined?: RebuildPipeline) =>
      applyBatch(client, projection, schema, page, {
        unguarded: true,
        rebuilding: true,
        exclusive: true,
        memory,
        pipeline: pipelined,
      });
    const outcome = projection.pipelinedRebuild
      ? await pipeline.run(apply)
      : await inTransaction(pool, (client) => apply(client));
    unapplicable += outcome.unapplicable.length;
  }
  await pipeline.flush();
  await inTransaction(pool, async (client) => {
    for (const step of projection.finishRebuild?.(schema) ?? []) await step(client);
    await client.query(`TRUNCATE ${schema}.rebuild_rows`);
  });
  return unapplicable;
}

const rows = async (sql: string) => (await pool.query(sql)).rows;

describe('a rebuild keeping rows in its memory', () => {
  it('gives the cases register the live path gives, across a resumed run', async () => {
    const pages = workload();
    const live = await freshVersion(casesProjection);
    const rebuilt = await freshVersion(casesProjection);
    await applyLive(casesProjection, live, pages);
    await applyRebuild(casesProjection, rebuilt, pages, 3);

    const cases = await rows(`SELECT * FROM ${rebuilt}.cases ORDER BY case_id`);
    expect(cases).toEqual(await rows(`SELECT * FROM ${live}.cases ORDER BY case_id`));
    expect(cases.length).toBeGreaterThan(20);
    expect(cases.find((row) => row.case_id === 'RR-1')).toMatchObject({ status: 'prosecuted', defendants: 1 });
    expect(await rows(`SELECT count(*)::int AS n FROM ${rebuilt}.rebuild_rows`)).toEqual([{ n: 0 }]);
  });

  it('gives the figures the live path gives, with an event set aside after its page kept case states', async () => {
    const pages = workload();
    const live = await freshVersion(figuresProjection);
    const rebuilt = await freshVersion(figuresProjection);
    await applyLive(figuresProjection, live, pages);
    // Resumed two pages before the page that rolls back: the states come back from rebuild_rows, then the
    // rollback must not leave the rolled-back states in the memory (RR-1 would be "already open"), and
    // the memory read back then must wait for the page still in flight before it (its states).
    const unapplicable = await applyRebuild(figuresProjection, rebuilt, pages, pages.length - 3);

    expect(unapplicable).toBe(1);
    const states = await rows(`SELECT case_id, state FROM "${rebuilt}".case_states ORDER BY case_id`);
    expect(states).toEqual(await rows(`SELECT case_id, state FROM "${live}".case_states ORDER BY case_id`));
    expect(JSON.parse(states.find((row) => row.case_id === 'RR-1')!.state)).toMatchObject({ defendants: 1 });
    expect(await figuresAnswers(pool, rebuilt)).toEqual(await figuresAnswers(pool, live));
  });

  it('reads the kept rows back, in a pipelined page, only once the page in flight before it has committed', async () => {
    const schema = await freshVersion(casesProjection);
    const kept = new RebuildRows<string>(
      'test',
      (row) => row.split('=')[0]!,
      (row) => row,
      (text) => text,
    );
    const memory: RebuildMemory = new Map();
    const pipeline = new PagePipeline(pool);
    await pipeline.run(async (client, pages) => {
      await kept.load(client, schema, memory, [], pages); // the memory, read (empty) first
      pages.defer(client.query('SELECT pg_sleep(0.3)')); // its rows' append waits behind this
      await kept.save(client, schema, memory, ['A=1'], pages);
    });
    const read = await pipeline.run(async (client, pages) => {
      memory.clear(); // as after a savepoint rolled back
      return kept.load(client, schema, memory, ['A'], pages);
    });
    await pipeline.flush();

    expect([...read]).toEqual([['A', 'A=1']]);
  });
});
