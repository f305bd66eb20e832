import {
  PROJECTIONS,
  type Projection,
  comparableRowsSql,
  figuresProjection,
  liveVersion,
  unitStats,
  versionsOf,
} from '@vigil/projections';
import { Pool } from 'pg';
import { captureOutput } from '../apps/cli/src/cli-test-support';
import { run } from '../apps/cli/src/run';
import { envelope, smallTree } from './support/events';
import { postJson } from './support/http';
import { getJson } from './support/http-get';
import { type VigilUnderTest, eventually, startVigilUnderTest } from './support/vigil-under-test';

// `vigil projections rebuild --all` on the running system (ARCHITECTURE.md guarantee 5): events keep
// being ingested and queries keep being asked during the rebuild; no query fails, nothing is missed or
// counted twice by the live consumer after the switch, and every read-model table equals one rebuilt
// from scratch afterwards.
describe('vigil projections rebuild while the system runs', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  let vigil: VigilUnderTest;
  let operator: string;
  let analyst: string;
  const tree = smallTree();
  let cases = 0;

  /** A case opened, arrested for and cleared, in one batch. */
  const caseHistory = () => {
    const caseId = `${tree.ministry}-C${(cases += 1)}`;
    const at = (hour: number) => `2024-03-05T${String(hour).padStart(2, '0')}:00:00+07:00`;
    return [
      envelope('CaseOpened', { caseId, unitId: tree.commune, category: 'drugs', severity: 'serious' }, at(8)),
      envelope('ArrestMade', { caseId, arrestId: `${caseId}:A1`, persons: 2 }, at(9)),
      envelope('CaseCleared', { caseId }, at(10)),
    ];
  };

  const post = async (events: unknown[]) => {
    const posted = await postJson(`${vigil.url}/v1/events`, events, operator);
    expect(posted.body.results.filter((result: { status: string }) => result.status !== 'appended')).toEqual([]);
  };

  /** Every stream of this test's units and cases applied by the projection's live version, to its last revision. */
  async function caughtUp(projection: Projection): Promise<boolean> {
    const live = await liveVersion(pool, projection.name);
    if (!live) return false;
    const { rows } = await pool.query<{ behind: string }>(
      `SELECT count(*)::text AS behind FROM streams s LEFT JOIN ${live.schema}.applied_streams a USING (stream_id)
       WHERE s.category = ANY($1::text[]) AND s.stream_id LIKE '%' || $2 || '%' AND (a.revision IS NULL OR a.revision < s.revision)`,
      [[...projection.categories], tree.ministry],
    );
    return rows[0]!.behind === '0';
  }

  /** Every page of the unit's cases register. */
  async function allCases(unitId: string): Promise<{ caseId: string; status: string; arrests: number }[]> {
    const items = [];
    let cursor: string | null = null;
    do {
      const page = await getJson(`${vigil.url}/v1/cases?unitId=${unitId}&limit=500${cursor ? `&cursor=${cursor}` : ''}`, analyst);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  }

  /** Rows in one table and not the other, both ways (0: equal as multisets). */
  /** Rows of one build missing from the other, both ways (a delta table by its net values). */
  async function differences(projection: Projection, left: string, right: string, table: string): Promise<number> {
    const { rows: columns } = await pool.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
      [left, table],
    );
    const names = columns.map((column) => column.column_name);
    const [l, r] = [left, right].map((schema) => comparableRowsSql(projection, schema, table, names));
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM (((${l}) EXCEPT ALL (${r})) UNION ALL ((${r}) EXCEPT ALL (${l}))) AS d`,
    );
    return Number(rows[0]!.n);
  }

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    operator = await vigil.token('operator', tree.ministry);
    analyst = await vigil.token('analyst', tree.ministry);
    await post([...tree.events, ...caseHistory()]);
    // Every projector running (none still rebuilding for a new code version of its projection).
    await eventually(async () => ((await fetch(`${vigil.url}/health/ready`)).status === 200 ? true : undefined), 120_000);
    for (const projection of PROJECTIONS) await eventually(async () => ((await caughtUp(projection)) ? true : undefined), 60_000);
  }, 240_000);

  afterAll(async () => {
    await vigil?.close();
    await pool.end();
  });

  it('switches every projection with no failed query, and the result equals a rebuild from scratch', async () => {
    const before = new Map<string, number>();
    for (const projection of PROJECTIONS) before.set(projection.name, (await liveVersion(pool, projection.name))!.version);

    let ingesting = true;
    const ingest = (async () => {
      while (ingesting) await post(caseHistory());
    })();
    const failedQueries: string[] = [];
    let queries = 0;
    const ask = (async () => {
      const paths = [
        `/v1/cases?unitId=${tree.province}&limit=5`,
        `/v1/units/${tree.province}/stats?from=2024-03-01&to=2024-03-31`,
        '/v1/directives',
      ];
      while (ingesting) {
        const path = paths[queries++ % paths.length]!;
        const answer = await getJson(`${vigil.url}${path}`, analyst);
        if (answer.status !== 200) failedQueries.push(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    })();
    const output = captureOutput();
    const code = await run(['projections', 'rebuild', '--all', '--page-size', '2000']);
    jest.restoreAllMocks();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // ingest on after the switch
    ingesting = false;
    await Promise.all([ingest, ask]);

    expect({ code, err: code === 0 ? '' : output.err.join('') }).toEqual({ code: 0, err: '' });
    for (const projection of PROJECTIONS) {
      expect(output.out.join('')).toContain(`${projection.name}: version ${before.get(projection.name)! + 1} is live`);
      // The version it replaced was dropped.
      const versions = await versionsOf(pool, projection.name);
      expect(versions.filter((v) => v.version === before.get(projection.name))).toEqual([]);
      expect(versions.filter((v) => v.state === 'live').map((v) => v.version)).toEqual([before.get(projection.name)! + 1]);
    }
    expect(failedQueries).toEqual([]);
    expect(queries).toBeGreaterThan(3);

    // The live consumers carry on on the new versions; once they have everything, the cases register shows every case once.
    for (const projection of PROJECTIONS) await eventually(async () => ((await caughtUp(projection)) ? true : undefined), 60_000);
    const listed = await allCases(tree.commune);
    expect(listed).toHaveLength(cases);
    expect(listed.filter((item) => item.status !== 'cleared' || item.arrests !== 1)).toEqual([]);

    // From scratch, keeping the versions the live consumers maintained: table by table, the same rows.
    expect(await run(['projections', 'rebuild', '--all', '--keep'])).toBe(0);
    for (const projection of PROJECTIONS) {
      const [maintained, scratch] = (await versionsOf(pool, projection.name)).slice(-2);
      expect([maintained!.state, scratch!.state]).toEqual(['retired', 'live']);
      const tables = await pool.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
         WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND NOT table_name = ANY($2::text[])`,
        [scratch!.schema, [...(projection.derivedTables ?? [])]],
      );
      expect(tables.rowCount).toBeGreaterThan(1);
      for (const { table_name: table } of tables.rows)
        expect({
          projection: projection.name,
          table,
          differences: await differences(projection, maintained!.schema, scratch!.schema, table),
        }).toEqual({
          projection: projection.name,
          table,
          differences: 0,
        });
      // Cached sums may be split differently: they must answer the same.
      if (projection === figuresProjection)
        for (const unitId of [tree.ministry, tree.province, tree.commune]) {
          for (const current of [false, true]) {
            // As of now from the knowledge-timed deltas, and from the current sums.
            const query = {
              unitId,
              from: '2024-03-01',
              to: '2024-03-31',
              asOf: new Date(),
              current,
              timeZone: 'Asia/Ho_Chi_Minh',
            };
            const answered = await unitStats(pool, scratch!.schema, query);
            expect(answered).toMatchObject({ casesOpened: cases, casesCleared: cases });
            expect(await unitStats(pool, maintained!.schema, query)).toEqual(answered);
          }
        }
    }
  }, 180_000);
});
