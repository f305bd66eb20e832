import { randomUUID } from 'node:crypto';
import { type EventToAppend, PostgresEventStore } from '@vigil/event-store';
import { applyToLiveVersion, type Projection, prepareProjection, projectionStatus } from '@vigil/projections';
import { Pool } from 'pg';
import { captureOutput } from './cli-test-support';
import { run } from './run';

const caseOpened = (caseId: string): EventToAppend => ({
  envelope: {
    eventId: randomUUID(),
    type: 'CaseOpened',
    occurredAt: '2024-03-01T08:00:00Z',
    data: { caseId, unitId: 'VN-LCI', category: 'drugs', severity: 'serious' },
  },
  principal: { role: 'upstream', unit: 'VN-LCI' },
});

/** A read model that keeps nothing: only the runner's guard rows move. */
const quietProjection = (name: string): Projection => ({
  name,
  codeVersion: 1,
  categories: ['cases'],
  createTables: async () => undefined,
  apply: async () => undefined,
});

// `vigil projections status`: versions, last position applied, lag, state.
describe('vigil projections status', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  const store = new PostgresEventStore(pool);
  let output: ReturnType<typeof captureOutput>;

  beforeEach(() => {
    output = captureOutput();
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => pool.end());

  it('reports the last position the runner applied and the events of its categories not applied yet', async () => {
    const projection = quietProjection(`status_${randomUUID().slice(0, 8)}`);
    await prepareProjection(pool, projection);
    const streamId = `case-C-${randomUUID()}`;
    for (let i = 0; i < 3; i += 1)
      await store.appendMany([{ streamId, expectedRevision: 'any', events: [caseOpened(streamId.slice(5))] }]);
    const events = await store.readStream(streamId);
    // What the live consumer does with a batch: the projections' engine into the live version.
    const { result } = await applyToLiveVersion(pool, projection, [events[0]!, events[1]!]);

    expect([result.applied.length, result.gaps, result.unapplicable]).toEqual([2, [], []]);
    const [status] = await projectionStatus(pool, projection.name, projection.categories);
    expect(status).toMatchObject({ version: 1, state: 'live', reason: null, lastPosition: String(events[1]!.position) });
    // Other specs share the database: at least this stream's third event is behind.
    expect(status!.lagEvents).toBeGreaterThanOrEqual(1);
    expect(status!.lagSeconds).toBeGreaterThanOrEqual(0);

    await applyToLiveVersion(pool, projection, [events[2]!]);
    const [after] = await projectionStatus(pool, projection.name, projection.categories);
    expect(BigInt(after!.lastPosition)).toBe(events[2]!.position);
    expect(after!.lagEvents).toBeLessThan(status!.lagEvents);
  });

  it('lists every projection of the registry, as a table or as JSON', async () => {
    expect(await run(['projections', 'status', '--json'])).toBe(0);
    const report = JSON.parse(output.out.join('')) as { projection: string; versions: unknown[] }[];
    expect(report.map((entry) => entry.projection)).toEqual(expect.arrayContaining(['units', 'cases', 'hotspots']));

    output.out.length = 0;
    expect(await run(['projections', 'status'])).toBe(0);
    expect(output.out.join('')).toMatch(
      /^PROJECTION\s+VERSION\s+STATE\s+LAST POSITION\s+LAG EVENTS\s+LAG S\s+REASON\n(units|cases|hotspots)/,
    );
    expect(await run(['projections', 'status', '--yaml'])).toBe(2);
  });

  it('exits 1 with the reason when the database is unreachable', async () => {
    const url = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgres://root@127.0.0.1:1/vigil_test';
    try {
      expect(await run(['projections', 'status'])).toBe(1);
    } finally {
      process.env.DATABASE_URL = url;
    }
    expect(output.err.join('')).toMatch(/^vigil: .*ECONNREFUSED/);
  });
});
