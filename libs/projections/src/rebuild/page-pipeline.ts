import { isDatabaseUnavailable } from '@vigil/platform';
import type { Pool, PoolClient } from 'pg';
import type { RebuildPipeline } from '../projection';

/**
 * A rebuild's pages of one projection, two transactions at a time, each on its own connection: a
 * page's writes run in PostgreSQL while Node computes the next page (`Projection.pipelinedRebuild`).
 * The writes a page hands over (`RebuildPipeline.defer`) are awaited before its commit, and commits
 * keep the pages' order, so the committed pages are always a prefix of the log: a resumed run starts
 * after the last one, as without the pipeline. A page whose writes fail rolls back, and so does every
 * page after it.
 */
export class PagePipeline {
  /** The commits of the page before last and of the last page started (each resolves once it committed). */
  private older: Promise<void> = Promise.resolve();
  private newer: Promise<void> = Promise.resolve();

  constructor(private readonly pool: Pool) {}

  /**
   * Runs `work` in a new transaction once the page before last has committed (rethrowing its failure),
   * and returns its result once its statements are sent; its commit follows the previous page's.
   */
  async run<T>(work: (client: PoolClient, pipeline: RebuildPipeline) => Promise<T>): Promise<T> {
    await this.older;
    const prior = this.newer;
    const client = await this.pool.connect();
    const writes: Promise<unknown>[] = [];
    const defer = (write: Promise<unknown>) => {
      write.catch(() => undefined); // awaited before the commit, which reports the failure
      writes.push(write);
    };
    const pipeline: RebuildPipeline = {
      defer,
      deferAfterPrior: (send) => defer(prior.then(send)),
      priorCommitted: () => prior,
    };
    let result: T;
    try {
      await client.query('BEGIN');
      result = await work(client, pipeline);
    } catch (error) {
      await Promise.allSettled(writes);
      await rollBack(client, error);
      throw error;
    }
    const commit = (async () => {
      try {
        await Promise.all(writes);
        await prior;
        await client.query('COMMIT');
        client.release();
      } catch (error) {
        await rollBack(client, error);
        throw error;
      }
    })();
    commit.catch(() => undefined); // reported by the next `run` or by `flush`
    this.older = prior;
    this.newer = commit;
    return result;
  }

  /** Waits for every page started to commit; rethrows the first failure. */
  async flush(): Promise<void> {
    await this.older;
    await this.newer;
  }
}

async function rollBack(client: PoolClient, error: unknown): Promise<void> {
  // A connection that failed goes out of the pool rather than back to it.
  let broken = isDatabaseUnavailable(error) ? (error as Error) : undefined;
  await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken ??= rollbackFailed));
  client.release(broken);
}
