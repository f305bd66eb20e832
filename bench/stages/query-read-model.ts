import { figuresProjection, schemaOf } from '@vigil/projections';
import pg from 'pg';
import { formatNumber } from '../report/progress';
import { KNOWN_SHARES, type RecordedSample } from './query-as-of';
import { loadFigures } from './query-load';
import type { StageContext } from './stage';

const PAGE_SIZE = 10_000;
/** Waiting for the service's projector when ingest filled the store: give up after this long without progress. */
const STALL_MS = 120_000;

/** The generated country in the figures read model the run's service answers from. */
export interface ReadModel {
  readonly schema: string;
  readonly events: number;
  readonly seconds: number;
  readonly filledBy: 'projected by the service' | 'applied directly';
  /** When a third, half and two thirds of the events had been recorded: the mix's knowledge times. */
  readonly recorded: RecordedSample;
}

/** The schema the service reads the figures from: the live version, or the one it would create. */
async function liveFiguresSchema(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ schema_name: string }>(
    `SELECT schema_name FROM projection_versions WHERE projection = $1 AND state = 'live'`,
    [figuresProjection.name],
  );
  return rows[0]?.schema_name ?? schemaOf(figuresProjection);
}

const count = async (pool: pg.Pool, sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);

/** When ingest ran first, the service projects what it stored: wait until every stored event is applied. */
async function projectedByService(context: StageContext, pool: pg.Pool, schema: string, stored: number): Promise<void> {
  let applied = 0;
  let progressAt = Date.now();
  while (applied < stored) {
    const now = await count(pool, `SELECT coalesce(sum(revision + 1), 0) AS n FROM ${schema}.applied_streams`);
    if (now > applied) progressAt = Date.now();
    applied = now;
    if (Date.now() - progressAt > STALL_MS) throw new Error(`the projector stalled at ${applied} of ${stored} events`);
    context.progress.every(() => `query: the service has projected ${formatNumber(applied)} / ${formatNumber(stored)} events`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await pool.query('ANALYZE');
}

/** The recordedAt of the stored events by which each share of them had been recorded. */
async function storedSample(pool: pg.Pool): Promise<RecordedSample> {
  const names = Object.keys(KNOWN_SHARES) as (keyof typeof KNOWN_SHARES)[];
  const { rows } = await pool.query<{ at: Date[] }>(
    'SELECT percentile_disc($1::float8[]) WITHIN GROUP (ORDER BY recorded_at) AS at FROM events',
    [names.map((name) => KNOWN_SHARES[name])],
  );
  return Object.fromEntries(names.map((name, i) => [name, rows[0]!.at[i]!.toISOString()])) as RecordedSample;
}

async function fill(context: StageContext): Promise<ReadModel> {
  await context.service();
  const pool = new pg.Pool({ connectionString: context.databaseUrl, max: 2 });
  try {
    const schema = await liveFiguresSchema(pool);
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const stored = await count(pool, 'SELECT count(*) AS n FROM events');
    if (stored > 0) {
      context.progress.say(`query: ${formatNumber(stored)} events in the store; waiting for the service to project them`);
      await projectedByService(context, pool, schema, stored);
      const recorded = await storedSample(pool);
      return { schema, events: stored, seconds: seconds(), filledBy: 'projected by the service', recorded };
    }
    const { generator } = context.options;
    context.progress.say(
      `query: applying ${formatNumber(generator.events)} generated events to ${schema} in pages of ${formatNumber(PAGE_SIZE)}`,
    );
    const { applied, sample } = await loadFigures(pool, schema, generator, PAGE_SIZE, (done) =>
      context.progress.every(() => `query: applied ${formatNumber(done)} / ${formatNumber(generator.events)} events`),
    );
    context.progress.say(
      `query: ${formatNumber(applied)} events applied in ${seconds().toFixed(1)} s, ${formatNumber(applied / seconds())} events/s`,
    );
    return { schema, events: applied, seconds: seconds(), filledBy: 'applied directly', recorded: sample };
  } finally {
    await pool.end();
  }
}

const filled = new WeakMap<StageContext, Promise<ReadModel>>();

/**
 * The read model filled once per run, for the query and the dashboard stages alike: by the service
 * when the store has events (ingest ran), otherwise straight from the generator.
 */
export function readModelOf(context: StageContext): Promise<ReadModel> {
  let model = filled.get(context);
  if (!model) {
    model = fill(context);
    filled.set(context, model);
  }
  return model;
}
