import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PagePipeline } from './page-pipeline';

// Two pages of a rebuild in flight at once, each on its own connection: a page's deferred writes run
// while the next page works, commits keep the pages' order, a failure rolls back the pages after it,
// and a row every page writes (a rebuild position) never makes two pages wait on each other.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const table = `page_pipeline_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

beforeAll(async () => {
  await pool.query(`CREATE TABLE ${table} (page int PRIMARY KEY, committed_before int)`);
  await pool.query(`CREATE TABLE ${table}_position (position int NOT NULL)`);
  await pool.query(`INSERT INTO ${table}_position VALUES (0)`);
});

afterAll(async () => {
  await pool.query(`DROP TABLE IF EXISTS ${table}, ${table}_position`);
  await pool.end();
});

beforeEach(async () => {
  await pool.query(`TRUNCATE ${table}`);
  await pool.query(`UPDATE ${table}_position SET position = 0`);
});

const committedPages = async () =>
  (await pool.query<{ page: number }>(`SELECT page FROM ${table} ORDER BY page`)).rows.map((row) => row.page);

describe('PagePipeline', () => {
  it('runs a page while the one before it is still writing, and commits them in order', async () => {
    const pipeline = new PagePipeline(pool);
    const seenByPage2: number[][] = [];
    // Page 1's write takes 300 ms; page 2's starts at once and is fast, but commits after page 1.
    await pipeline.run(async (client, pages) => {
      pages.defer(client.query(`SELECT pg_sleep(0.3); INSERT INTO ${table} VALUES (1, 0)`));
    });
    await pipeline.run(async (client, pages) => {
      seenByPage2.push(await committedPages()); // page 1 has not committed yet
      pages.defer(client.query(`INSERT INTO ${table} SELECT 2, count(*) FROM ${table}`));
      await pages.priorCommitted();
      seenByPage2.push(await committedPages());
    });
    await pipeline.flush();

    expect(seenByPage2).toEqual([[], [1]]);
    expect(await committedPages()).toEqual([1, 2]);
  });

  it('rolls back the page whose write failed and every page after it, and reports the failure', async () => {
    const pipeline = new PagePipeline(pool);
    await pipeline.run(async (client, pages) => {
      pages.defer(client.query(`INSERT INTO ${table} VALUES (1, 0)`));
    });
    await pipeline.run(async (client, pages) => {
      pages.defer(client.query(`SELECT pg_sleep(0.2); INSERT INTO ${table} VALUES (2, 1 / 0)`));
    });
    await pipeline.run(async (client, pages) => {
      pages.defer(client.query(`INSERT INTO ${table} VALUES (3, 0)`));
    });

    await expect(pipeline.flush()).rejects.toThrow('division by zero');
    expect(await committedPages()).toEqual([1]);
    // The next page started learns it before doing anything.
    await expect(pipeline.run(async () => 'ran')).rejects.toThrow('division by zero');
  });

  it('rolls back a page whose work throws, after its writes, and lets the pages before it commit', async () => {
    const pipeline = new PagePipeline(pool);
    await pipeline.run(async (client, pages) => {
      pages.defer(client.query(`SELECT pg_sleep(0.2); INSERT INTO ${table} VALUES (1, 0)`));
    });
    const failing = pipeline.run(async (client, pages) => {
      pages.defer(client.query(`INSERT INTO ${table} VALUES (2, 0)`));
      throw new Error('the projection failed');
    });

    await expect(failing).rejects.toThrow('the projection failed');
    await pipeline.flush();
    expect(await committedPages()).toEqual([1]);
  });

  it('writes a row every page writes only after the earlier pages committed, so no two pages wait on each other', async () => {
    const pipeline = new PagePipeline(pool);
    for (let page = 1; page <= 4; page += 1) {
      await pipeline.run(async (client, pages) => {
        // Page 1's slow write lets page 2 reach the shared row first, were it sent at once.
        if (page === 1) pages.defer(client.query('SELECT pg_sleep(0.3)'));
        pages.deferAfterPrior(() => client.query(`UPDATE ${table}_position SET position = $1`, [page]));
      });
    }
    await pipeline.flush();

    const { rows } = await pool.query<{ position: number }>(`SELECT position FROM ${table}_position`);
    expect(rows[0]!.position).toBe(4);
  });
});
