import type { EventStore } from '@vigil/event-store';
import { inTransaction } from '@vigil/platform';
import type { Pool, PoolClient } from 'pg';
import type { Projection, RebuildPipeline } from '../projection';
import { tryLockRebuild, unlockRebuild } from '../versions';
import { applyPage } from './apply-page';
import { finishTarget } from './finish-target';
import { PageFeed } from './page-feed';
import { PagePipeline } from './page-pipeline';
import { markRebuildFailed, openRebuildTarget, type RebuildTarget } from './rebuild-target';
import { dropVersion, type SwitchedVersion, switchVersions } from './switch-versions';

export interface RebuildProgress {
  readonly phase: 'reading' | 'switching' | 'done';
  /** Log position the slowest target has reached, and the head of the log when last looked at. */
  readonly position: bigint;
  readonly head: bigint;
  /** Where this run started reading (progress is `position - startedFrom` of `head - startedFrom`). */
  readonly startedFrom: bigint;
  /** Events applied to the new versions so far by this run, across projections. */
  readonly applied: number;
}

export interface RebuildOptions {
  readonly pool: Pool;
  readonly store: EventStore;
  readonly projections: readonly Projection[];
  /** Keep the previous live version's tables (state `retired`) instead of dropping them. */
  readonly keep?: boolean;
  /** Events read from the store per page (one transaction per page). */
  readonly pageSize?: number;
  /** Aborting stops after the page in flight; the live versions are untouched and a new run resumes. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuiltProjection {
  readonly name: string;
  readonly version: number;
  readonly previousVersion: number | null;
  readonly resumed: boolean;
  readonly unapplicable: number;
}

export class RebuildInterruptedError extends Error {
  constructor() {
    super('rebuild interrupted; the live versions are untouched, run it again to resume');
    this.name = 'RebuildInterruptedError';
  }
}

export class RebuildAlreadyRunningError extends Error {
  constructor(name: string) {
    super(`a rebuild of ${name} is already running`);
    this.name = 'RebuildAlreadyRunningError';
  }
}

const DEFAULT_PAGE_SIZE = 5_000;

/**
 * Blue/green rebuild of projections from the event store (never from Kafka, whose retention may be
 * shorter): fills a new version of each from the log in large pages (reading it once for all of
 * them), catches up with what was appended meanwhile, then switches atomically (`switchVersions`).
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuiltProjection[]> {
  const { pool, store, projections } = options;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const lockClient = await pool.connect();
  const locked: string[] = [];
  const targets: RebuildTarget[] = [];
  try {
    for (const projection of projections) {
      if (!(await tryLockRebuild(lockClient, projection.name))) throw new RebuildAlreadyRunningError(projection.name);
      locked.push(projection.name);
    }
    for (const projection of projections) targets.push(await openRebuildTarget(pool, projection));
    try {
      await readToHead(options, targets, pageSize);
      // Those that caught up first are behind the last: all of them near the head again, outside the
      // switch's locks (which hold up the live consumers) and as live batches.
      await readToHead(options, targets, pageSize);
      const head = await store.headPosition();
      options.onProgress?.({ phase: 'switching', ...positions(targets, head), applied: 0 });
      const switched = await switchVersions(pool, store, targets, pageSize);
      await dropRetired(pool, switched, options.keep ?? false);
      options.onProgress?.({ phase: 'done', ...positions(targets, head), applied: 0 });
      return targets.map((target) => rebuilt(target, switched));
    } catch (error) {
      if (!(error instanceof RebuildInterruptedError)) {
        const reason = error instanceof Error ? error.message : String(error);
        for (const target of targets) await markRebuildFailed(pool, target, reason).catch(() => undefined);
      }
      throw error;
    }
  } finally {
    await unlockAll(lockClient, locked);
  }
}

/**
 * Each target reads the log on its own from one feed of pages (`PageFeed`: read once, a reader at
 * most a few pages ahead of the slowest), each page in its own transaction, until a page comes back
 * short (the head is near); then it catches up (`finishTarget`) while the slower ones go on. So PostgreSQL and Node work
 * side by side, and one projection's final aggregations overlap another's pages.
 */
async function readToHead(options: RebuildOptions, targets: RebuildTarget[], pageSize: number): Promise<void> {
  const { pool, store } = options;
  const startedFrom = lowestPosition(targets);
  const feed = new PageFeed(store, startedFrom, pageSize, targets.length);
  const run = { head: await store.headPosition(), startedFrom, applied: 0, failed: false };
  const outcomes = await Promise.allSettled(
    targets.map(async (target, reader) => {
      try {
        await readTargetToHead(options, feed, reader, targets, run, pageSize).finally(() => feed.done(reader));
        if (!target.caughtUp) await finishTarget(pool, store, target);
      } catch (error) {
        run.failed = true; // the others stop after their page in flight
        throw error;
      }
    }),
  );
  await feed.drain();
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (failures.length > 0) throw failures.find((error) => !(error instanceof RebuildInterruptedError)) ?? failures[0];
}

async function readTargetToHead(
  options: RebuildOptions,
  feed: PageFeed,
  reader: number,
  targets: RebuildTarget[],
  run: { head: bigint; startedFrom: bigint; applied: number; failed: boolean },
  pageSize: number,
): Promise<void> {
  const { pool, store, signal, onProgress } = options;
  const target = targets[reader]!;
  const unguarded = store.streamHeads !== undefined;
  // A page's position counts once it has committed: with the pipeline, two pages later, or at its flush.
  const pipeline = target.projection.pipelinedRebuild && !target.caughtUp ? new PagePipeline(pool) : null;
  const sent: bigint[] = [];
  const committed = (through: bigint) => {
    if (through > target.position) target.position = through;
    const position = lowestPosition(targets);
    onProgress?.({ phase: 'reading', position, head: run.head, startedFrom: run.startedFrom, applied: run.applied });
  };
  const applyPages = async () => {
    for (let index = 0; ; index += 1) {
      if (signal?.aborted || run.failed) throw new RebuildInterruptedError();
      const page = await feed.page(reader, index);
      if (page.events.length === 0) return;
      const apply = (client: PoolClient, pipelined?: RebuildPipeline) =>
        applyPage(client, [target], page.events, page.nextPosition, { unguarded, pipeline: pipelined });
      if (pipeline === null) {
        run.applied += await inTransaction(pool, (client) => apply(client));
        committed(page.nextPosition);
      } else {
        run.applied += await pipeline.run(apply); // the page before last has committed
        if (sent.length === 2) committed(sent.shift()!);
        sent.push(page.nextPosition);
      }
      if (page.nextPosition > run.head) run.head = await store.headPosition();
      if (page.events.length < pageSize) return;
    }
  };
  const flush = async () => {
    await pipeline?.flush();
    for (const through of sent.splice(0)) committed(through);
  };
  try {
    await applyPages();
  } catch (error) {
    await flush().catch(() => undefined); // the pages sent commit (an interrupted run resumes after them)
    throw error;
  }
  await flush();
}

async function dropRetired(pool: Pool, switched: readonly SwitchedVersion[], keep: boolean): Promise<void> {
  if (keep) return;
  for (const { name, previous } of switched) if (previous) await dropVersion(pool, name, previous);
}

async function unlockAll(client: PoolClient, names: readonly string[]): Promise<void> {
  try {
    for (const name of names) await unlockRebuild(client, name);
    client.release();
  } catch (error) {
    client.release(error instanceof Error ? error : true);
  }
}

const lowestPosition = (targets: readonly RebuildTarget[]) =>
  targets.reduce((lowest, t) => (t.position < lowest ? t.position : lowest), targets[0]?.position ?? 0n);

const positions = (targets: readonly RebuildTarget[], head: bigint) => {
  const position = lowestPosition(targets);
  return { position, head: head > position ? head : position, startedFrom: position };
};

function rebuilt(target: RebuildTarget, switched: readonly SwitchedVersion[]): RebuiltProjection {
  const mine = switched.find((s) => s.name === target.projection.name);
  return {
    name: target.projection.name,
    version: target.version,
    previousVersion: mine?.previous?.version ?? null,
    resumed: target.resumed,
    unapplicable: target.unapplicable,
  };
}
