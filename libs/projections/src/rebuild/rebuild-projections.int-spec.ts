import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@vigil/contract';
import { type EventToAppend, PostgresEventStore } from '@vigil/event-store';
import { Pool, type PoolClient } from 'pg';
import type { Projection } from '../projection';
import { applyToLiveVersion } from '../engine';
import { prepareProjection, servingSchemaOf, tryLockRebuild, unlockRebuild, versionsOf } from '../versions';
import { RebuildAlreadyRunningError, RebuildInterruptedError, rebuildProjections } from './rebuild-projections';

// Blue/green rebuild from the PostgreSQL event store (ARCHITECTURE.md guarantee 5), against the real
// database. The projection under test counts the cases opened per unit of this run's units only, so
// the other specs' events in the shared store do not move its figures.
describe('rebuildProjections', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
  const store = new PostgresEventStore(pool);
  afterAll(() => pool.end());

  /**
   * Opened cases per unit, for units whose id starts with `tag`; `failOn` makes apply throw for one case
   * (a bug), `overflowOn` makes PostgreSQL refuse its value (22003, a value the read model cannot hold),
   * `waitFor` holds every apply until it resolves. Each case's row in `modes` says whether it came in a
   * rebuild's page (`rebuilding`) or as a live batch.
   */
  const casesPerUnit = (
    tag: string,
    behaviour: { failOn?: string; overflowOn?: string; suffix?: string; waitFor?: Promise<unknown> } = {},
  ): Projection => ({
    name: `rb_${tag.toLowerCase()}${behaviour.suffix ?? ''}`,
    codeVersion: 1,
    categories: ['cases'],
    createTables: async (client: PoolClient, schema: string) => {
      await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.opened (unit_id text PRIMARY KEY, cases int NOT NULL)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.modes (case_id text PRIMARY KEY, rebuilding boolean NOT NULL)`);
    },
    apply: async (client: PoolClient, schema: string, events: readonly StoredEvent[], mode) => {
      await behaviour.waitFor;
      const units: string[] = [];
      const cases: string[] = [];
      for (const event of events) {
        if (event.type !== 'CaseOpened' || !event.data.unitId.startsWith(tag)) continue;
        if (event.data.caseId === behaviour.failOn) throw new Error(`cannot apply ${event.data.caseId}`);
        if (event.data.caseId === behaviour.overflowOn) await client.query('SELECT 3000000000::int');
        units.push(event.data.unitId);
        cases.push(event.data.caseId);
      }
      if (units.length === 0) return;
      await client.query(`INSERT INTO ${schema}.modes SELECT unnest($1::text[]), $2`, [cases, mode?.rebuilding === true]);
      await client.query(
        `INSERT INTO ${schema}.opened (unit_id, cases) SELECT unit_id, count(*) FROM unnest($1::text[]) AS u (unit_id) GROUP BY unit_id
         ON CONFLICT (unit_id) DO UPDATE SET cases = opened.cases + excluded.cases`,
        [units],
      );
    },
  });

  const opened = (caseId: string, unitId: string): EventToAppend => ({
    envelope: {
      eventId: randomUUID(),
      type: 'CaseOpened',
      occurredAt: '2024-03-01T08:00:00Z',
      data: { caseId, unitId, category: 'drugs', severity: 'serious' },
    },
    principal: { role: 'upstream', unit: unitId },
  });

  /** Opens `count` cases spread over three units of the tag; returns the stored events. */
  async function openCases(tag: string, count: number, offset = 0): Promise<StoredEvent[]> {
    const stored: StoredEvent[] = [];
    for (let i = offset; i < offset + count; i += 1) {
      const caseId = `${tag}-C${i}`;
      await store.appendMany([
        { streamId: `case-${caseId}`, expectedRevision: 'no_stream', events: [opened(caseId, `${tag}-U${i % 3}`)] },
      ]);
      stored.push(...(await store.readStream(`case-${caseId}`)));
    }
    return stored;
  }

  /** What queries see: the serving schema's view. */
  async function served(projection: Projection): Promise<Record<string, number>> {
    const { rows } = await pool.query<{ unit_id: string; cases: number }>(
      `SELECT unit_id, cases FROM ${servingSchemaOf(projection)}.opened ORDER BY unit_id`,
    );
    return Object.fromEntries(rows.map((row) => [row.unit_id, row.cases]));
  }

  const modes = async (projection: Projection) => {
    const { rows } = await pool.query<{ case_id: string; rebuilding: boolean }>(
      `SELECT case_id, rebuilding FROM ${servingSchemaOf(projection)}.modes ORDER BY case_id`,
    );
    return Object.fromEntries(rows.map((row) => [row.case_id, row.rebuilding ? 'page' : 'live']));
  };

  const states = async (projection: Projection) =>
    (await versionsOf(pool, projection.name)).map((v) => ({ version: v.version, state: v.state }));

  it('fills a new version from the store while the live one serves, switches, and the consumer continues on it', async () => {
    const tag = `RB${randomUUID().slice(0, 6).toUpperCase()}`;
    const projection = casesPerUnit(tag);
    await prepareProjection(pool, projection);
    const events = await openCases(tag, 9);
    // The live consumer (the engine's live path) has applied only the first four events so far.
    await applyToLiveVersion(pool, projection, events.slice(0, 4));
    expect(await served(projection)).toEqual({ [`${tag}-U0`]: 2, [`${tag}-U1`]: 1, [`${tag}-U2`]: 1 });

    const phases: string[] = [];
    const rebuilt = await rebuildProjections({
      pool,
      store,
      projections: [projection],
      pageSize: 500,
      onProgress: (progress) => phases.push(progress.phase),
    });

    expect(rebuilt).toEqual([{ name: projection.name, version: 2, previousVersion: 1, resumed: false, unapplicable: 0 }]);
    expect(phases).toContain('reading');
    expect(phases.slice(-2)).toEqual(['switching', 'done']);
    expect(await states(projection)).toEqual([{ version: 2, state: 'live' }]);
    const v1 = await pool.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = $1`, [`rm_${projection.name}_v1`]);
    expect(v1.rowCount).toBe(0);
    expect(await served(projection)).toEqual({ [`${tag}-U0`]: 3, [`${tag}-U1`]: 3, [`${tag}-U2`]: 3 });

    // The consumer goes on where Kafka left it: redelivered events are skipped, new ones counted once.
    const later = await openCases(tag, 2, 9);
    const { result } = await applyToLiveVersion(pool, projection, [...events.slice(4), ...later]);
    expect([result.redelivered.length, result.applied.length]).toEqual([5, 2]);
    expect(await served(projection)).toEqual({ [`${tag}-U0`]: 4, [`${tag}-U1`]: 4, [`${tag}-U2`]: 3 });
  });

  it('stops when interrupted, leaving the live version serving, and resumes where its last page committed', async () => {
    const tag = `RB${randomUUID().slice(0, 6).toUpperCase()}`;
    const projection = casesPerUnit(tag);
    await prepareProjection(pool, projection);
    await openCases(tag, 6);
    const abort = new AbortController();
    let pages = 0;
    await expect(
      rebuildProjections({
        pool,
        store,
        projections: [projection],
        pageSize: 3,
        signal: abort.signal,
        onProgress: () => {
          pages += 1;
          if (pages === 2) abort.abort();
        },
      }),
    ).rejects.toBeInstanceOf(RebuildInterruptedError);

    const [live, rebuilding] = await versionsOf(pool, projection.name);
    expect(live).toMatchObject({ version: 1, state: 'live' });
    expect(rebuilding).toMatchObject({ version: 2, state: 'rebuilding' });
    expect(rebuilding!.rebuildPosition! > 0n).toBe(true);
    expect(await served(projection)).toEqual({}); // the live version (never fed in this test) still answers

    const resumed = await rebuildProjections({ pool, store, projections: [projection], pageSize: 1_000, keep: true });
    expect(resumed).toEqual([{ name: projection.name, version: 2, previousVersion: 1, resumed: true, unapplicable: 0 }]);
    expect(await served(projection)).toEqual({ [`${tag}-U0`]: 2, [`${tag}-U1`]: 2, [`${tag}-U2`]: 2 });
    expect(await states(projection)).toEqual([
      { version: 1, state: 'retired' },
      { version: 2, state: 'live' },
    ]);
  });

  it('marks a rebuild that fails as failed with the reason, leaves the live version, and a fixed run resumes it', async () => {
    const tag = `RB${randomUUID().slice(0, 6).toUpperCase()}`;
    const broken = casesPerUnit(tag, { failOn: `${tag}-C4` });
    await prepareProjection(pool, broken);
    await openCases(tag, 6);

    await expect(rebuildProjections({ pool, store, projections: [broken], pageSize: 1_000 })).rejects.toThrow(
      `cannot apply ${tag}-C4`,
    );
    const [, failed] = await versionsOf(pool, broken.name);
    expect(failed).toMatchObject({ version: 2, state: 'failed' });
    const reason = await pool.query('SELECT reason FROM projection_versions WHERE projection = $1 AND version = 2', [
      broken.name,
    ]);
    expect(reason.rows[0].reason).toBe(`cannot apply ${tag}-C4`);
    expect(await states(broken)).toEqual([
      { version: 1, state: 'live' },
      { version: 2, state: 'failed' },
    ]);

    const fixed = casesPerUnit(tag);
    const [result] = await rebuildProjections({ pool, store, projections: [fixed] });
    expect(result).toMatchObject({ version: 2, resumed: true });
    expect(await served(fixed)).toEqual({ [`${tag}-U0`]: 2, [`${tag}-U1`]: 2, [`${tag}-U2`]: 2 });
  });

  it('sets aside an event whose value the read model cannot hold, as the live projector dead-letters it, and switches', async () => {
    const tag = `RB${randomUUID().slice(0, 6).toUpperCase()}`;
    const projection = casesPerUnit(tag, { overflowOn: `${tag}-C4` });
    await prepareProjection(pool, projection);
    await openCases(tag, 6);

    const [result] = await rebuildProjections({ pool, store, projections: [projection], pageSize: 1_000 });

    expect(result).toMatchObject({ version: 2, unapplicable: 1 });
    expect(await states(projection)).toEqual([{ version: 2, state: 'live' }]);
    // C4 (unit U1) is left out; every other case is counted.
    expect(await served(projection)).toEqual({ [`${tag}-U0`]: 2, [`${tag}-U1`]: 1, [`${tag}-U2`]: 2 });
  });

  it('lets each projection catch up on its own; what is appended after goes in as live batches, also when a failed switch is resumed', async () => {
    const tag = `RB${randomUUID().slice(0, 6).toUpperCase()}`;
    let appended!: Promise<unknown>;
    let append!: () => void;
    const gate = new Promise<void>((resolve) => (append = resolve))
      .then(() => (appended = openCases(tag, 3, 6)))
      .then(() => appended);
    const fast = casesPerUnit(tag, { suffix: '_fast' });
    // Holds its page until the fast one has caught up and three more cases were stored; then fails on one of them.
    const slow = casesPerUnit(tag, { suffix: '_slow', waitFor: gate, failOn: `${tag}-C7` });
    for (const projection of [fast, slow]) await prepareProjection(pool, projection);
    await openCases(tag, 6);

    await expect(
      rebuildProjections({ pool, store, projections: [fast, slow], pageSize: 100_000, onProgress: () => append() }),
    ).rejects.toThrow(`cannot apply ${tag}-C7`);
    const caughtUp = await pool.query<{ projection: string; state: string; rebuild_caught_up: boolean }>(
      `SELECT projection, state, rebuild_caught_up FROM projection_versions WHERE projection = ANY($1) AND version = 2 ORDER BY 1`,
      [[fast.name, slow.name]],
    );
    expect(caughtUp.rows).toEqual([
      { projection: fast.name, state: 'failed', rebuild_caught_up: true },
      { projection: slow.name, state: 'failed', rebuild_caught_up: true },
    ]);

    const fixed = casesPerUnit(tag, { suffix: '_slow' });
    const resumed = await rebuildProjections({ pool, store, projections: [fast, fixed], pageSize: 100_000 });
    expect(resumed.map((r) => [r.name, r.version, r.resumed])).toEqual([
      [fast.name, 2, true],
      [slow.name, 2, true],
    ]);
    const counted = { [`${tag}-U0`]: 3, [`${tag}-U1`]: 3, [`${tag}-U2`]: 3 };
    const cases = (from: number, to: number, how: string) =>
      Object.fromEntries(Array.from({ length: to - from }, (_, i) => [`${tag}-C${from + i}`, how]));
    for (const projection of [fast, fixed]) {
      expect(await served(projection)).toEqual(counted);
      expect(await modes(projection)).toEqual({ ...cases(0, 6, 'page'), ...cases(6, 9, 'live') });
    }
  });

  it('refuses to run two rebuilds of one projection at once', async () => {
    const projection = casesPerUnit(`RB${randomUUID().slice(0, 6).toUpperCase()}`);
    await prepareProjection(pool, projection);
    const other = await pool.connect();
    try {
      expect(await tryLockRebuild(other, projection.name)).toBe(true);
      await expect(rebuildProjections({ pool, store, projections: [projection] })).rejects.toBeInstanceOf(
        RebuildAlreadyRunningError,
      );
      expect(await states(projection)).toEqual([{ version: 1, state: 'live' }]);
    } finally {
      await unlockRebuild(other, projection.name);
      other.release();
    }
  });
});
