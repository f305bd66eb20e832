import type { Category, StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { versionSchemaOf } from './versions/schemas';

/**
 * A named, versioned read model. Each build of it (a version) keeps its tables in its own PostgreSQL
 * schema (`rm_<name>_v<N>`), so a rebuild can fill a new version while the live one answers, then
 * switch (`projection_versions` says which version is live). Queries read the serving schema
 * `rm_<name>`, whose views point at the live version.
 */
export interface Projection {
  readonly name: string;
  /**
   * The version of this code: bumped when the tables or the meaning of `apply` change, and a new
   * build is rebuilt, never migrated in place. Not a build's number (`projection_versions.version`).
   */
  readonly codeVersion: number;
  /** The topics (event categories) it consumes. */
  readonly categories: readonly Category[];
  /** Idempotent DDL (`CREATE TABLE IF NOT EXISTS …`) of its tables in `schema`. */
  createTables(client: PoolClient, schema: string): Promise<void>;
  /**
   * Applies events (already de-duplicated: each stream's events once, in revision order) inside the
   * caller's transaction — the runner commits them together with its per-stream revisions.
   * Throws `UnapplicableEventError` for an event it cannot apply (it goes to the dead letters).
   */
  apply(client: PoolClient, schema: string, events: readonly StoredEvent[], mode?: ApplyMode): Promise<void>;
  /**
   * A rebuild's pages were applied with `{ rebuilding: true }`: whatever the projection deferred (sums
   * it computes once over everything, set-based) is done by these steps, once the rebuild's version has
   * read the log to its head (`finishTarget`); the pages after it come with `rebuilding` unset, as live
   * batches. The steps must be independent and idempotent: they run at once, each in its own
   * transaction, and all again if the run stops before the version is marked caught up.
   */
  finishRebuild?(schema: string): readonly ((client: PoolClient) => Promise<void>)[];
  /**
   * Indexes (`CREATE INDEX IF NOT EXISTS …`) only queries use, never a write: a live version has them
   * from the start; a rebuild's version gets them once it has read the log (`finishTarget`), built
   * from the loaded table in one pass instead of row by row.
   */
  queryIndexes?(schema: string): readonly string[];
  /**
   * Its rebuild's pages may overlap (`PagePipeline`): the next page is applied on another connection
   * while this one's deferred writes run, commits in order. Only for a projection whose pages read
   * what earlier pages wrote after `RebuildPipeline.priorCommitted`, or under a lock that waits for them.
   */
  readonly pipelinedRebuild?: boolean;
  /**
   * Tables that only cache sums of the others (pre-aggregated for queries): two builds of the same
   * events give the same answers from them, not necessarily the same rows (deltas split with batching).
   */
  readonly derivedTables?: readonly string[];
  /**
   * Tables of signed deltas, with their value columns: a delta and its retraction recorded in one batch
   * cancel out, in two batches they are two rows. Two builds hold the same net values per the other
   * columns (`comparableRowsSql`), not necessarily the same rows.
   */
  readonly deltaTables?: Readonly<Record<string, readonly string[]>>;
}

/** SQL of a table's rows as two builds of the same events must hold them (a delta table's net values). */
export function comparableRowsSql(projection: Projection, schema: string, table: string, columns: readonly string[]): string {
  const values = projection.deltaTables?.[table];
  const from = `"${schema}"."${table}"`;
  if (!values) return `SELECT * FROM ${from}`;
  const keys = columns.filter((column) => !values.includes(column));
  const sums = values.map((column) => `sum(${column}) AS ${column}`);
  return `SELECT ${[...keys, ...sums].join(', ')} FROM ${from} GROUP BY ${keys.join(', ')}
          HAVING ${values.map((column) => `sum(${column}) <> 0`).join(' OR ')}`;
}

/** How a batch is applied: live, or as a page of a rebuild (the version is not served until its switch). */
export interface ApplyMode {
  readonly rebuilding?: boolean;
  /**
   * A rebuild run's memory for this version (`RebuildRows`): what its pages wrote, by kind and key.
   * A cache of the version's `rebuild_rows`: cleared whenever a savepoint rolls back.
   */
  readonly memory?: RebuildMemory;
  /** A pipelined rebuild's page (`Projection.pipelinedRebuild`). */
  readonly pipeline?: RebuildPipeline;
}

/** What a page of a pipelined rebuild may do: its writes run while the next page is computed. */
export interface RebuildPipeline {
  /** A write sent and not awaited: the page commits once it is done, and fails with it. */
  defer(write: Promise<unknown>): void;
  /**
   * A write to a row every page writes (a position, a mark), sent once the earlier pages have committed:
   * sent at once, a later page could take the row first and wait for its commit, which waits for theirs.
   */
  deferAfterPrior(send: () => Promise<unknown>): void;
  /** Resolves once every earlier page has committed: before reading what they wrote. */
  priorCommitted(): Promise<void>;
}

/** A rebuild run's memory of one version: rows by kind, then by key. */
export type RebuildMemory = Map<string, Map<string, unknown>>;

/** An event a projection cannot apply, with the reason (dead-lettered; the consumer carries on). */
export class UnapplicableEventError extends Error {
  constructor(
    readonly event: StoredEvent,
    reason: string,
  ) {
    super(reason);
    this.name = 'UnapplicableEventError';
  }
}

/** The schema of a projection's first build (its code version's number); rebuilds take the next numbers. */
export const schemaOf = (projection: Pick<Projection, 'name' | 'codeVersion'>) =>
  versionSchemaOf(projection.name, projection.codeVersion);
