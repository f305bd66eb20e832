import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import type { ApplyMode, Projection } from '../projection';
import { createFiguresTables, figuresQueryIndexes } from './tables';
import { applyFigures } from './write/apply-figures';
import { writeRebuiltCaseStates } from './write/record-cases';
import { sumRollupLog } from './write/write-sums';

const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * The figures of CONTRACT.md §4 and §5 (README "The figures engine"): bitemporal facts and the tree,
 * summed ahead under ministries and provinces as commutative deltas. A version buckets days in the
 * zone configured when it was created (VIGIL_TIMEZONE).
 */
export const figuresProjection: Projection = {
  name: 'figures',
  codeVersion: 7,
  categories: ['units', 'directives', 'cases', 'hotspots', 'measures'],
  createTables: (client: PoolClient, schema: string) =>
    createFiguresTables(client, schema, process.env.VIGIL_TIMEZONE || DEFAULT_TIME_ZONE),
  // Compared through their answers, not row by row: sums split differently with batching; settings holds a cache token.
  derivedTables: ['rollup_now', 'rollup_log', 'settings'],
  // A case's fact and its retraction posted together cancel out in one batch, not across two.
  deltaTables: { facts: ['v1', 'v2', 'v3', 'v4'] },
  apply: (client: PoolClient, schema: string, events: readonly StoredEvent[], mode?: ApplyMode) =>
    applyFigures(client, schema, events, mode),
  queryIndexes: figuresQueryIndexes,
  // Its pages read earlier ones only for a move or a target change, after they committed (applyFigures).
  pipelinedRebuild: true,
  finishRebuild: (schema: string) => [
    (client: PoolClient) => writeRebuiltCaseStates(client, schema),
    (client: PoolClient) => sumRollupLog(client, schema),
  ],
};
