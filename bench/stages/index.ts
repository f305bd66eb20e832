import { copyCeiling } from './copy-ceiling';
import { dashboardStage } from './dashboard';
import { freshnessStage } from './freshness';
import { ingestStage } from './ingest';
import { kafkaCeiling } from './kafka-ceiling';
import { projectStage } from './project';
import { queryStage } from './query';
import { rebuildStage } from './rebuild';
import { relayStage } from './relay';
import type { Stage } from './stage';

/**
 * Every stage of the bench, in the order they run. A stage without `run` is reported as
 * `not implemented yet`, never with a number: add `run` (and its file) to measure it.
 */
export const STAGES: readonly Stage[] = [
  { id: 'copy', title: 'PostgreSQL COPY ceiling', kind: 'ceiling', figures: ['ceiling.copy'], run: copyCeiling },
  { id: 'kafka', title: 'Kafka producer perf ceiling', kind: 'ceiling', figures: ['ceiling.kafka'], run: kafkaCeiling },
  {
    id: 'ingest',
    title: 'ingest over HTTP',
    kind: 'service',
    figures: ['ingest.rate', 'ingest.p50', 'ingest.p99'],
    run: ingestStage,
  },
  { id: 'relay', title: 'relay, store → Kafka', kind: 'in-process', figures: ['relay.rate'], run: relayStage },
  { id: 'project', title: 'projector, Kafka → read models', kind: 'service', figures: ['project.rate'], run: projectStage },
  {
    id: 'rebuild',
    title: 'rebuild of every projection (the vigil command)',
    kind: 'in-process',
    figures: ['rebuild.rate'],
    run: rebuildStage,
  },
  { id: 'freshness', title: 'freshness at 1,000 events/s', kind: 'service', figures: ['freshness.p99'], run: freshnessStage },
  {
    id: 'query',
    title: 'queries: directive progress, unit stats, compare, a year of daily series',
    kind: 'service',
    figures: ['query.progress.p95', 'query.stats.p95', 'query.compare.p95', 'query.series.p95'],
    run: queryStage,
  },
  {
    id: 'dashboard',
    title: 'dashboard: a province’s scorecard in Chromium',
    kind: 'service',
    figures: ['dashboard.scorecard'],
    run: dashboardStage,
  },
];
