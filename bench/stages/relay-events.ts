import { streamOf } from '@vigil/contract';
import { PostgresEventStore, type StreamWrite } from '@vigil/event-store';
import pg from 'pg';
import { generateEvents } from '../generator';
import { formatNumber } from '../report/progress';
import type { StageContext } from './stage';

const APPEND_BATCH = 1_000;
const principal = { role: 'operator', unit: 'VN', subject: 'vigil-bench' };

/**
 * The first `wanted` events of the log, or all of them when fewer are stored; when the store is
 * empty (the ingest stage did not run), appends that many generated events straight to it first.
 * Returns the position the relay must reach.
 */
export async function storedEventsForRelay(context: StageContext, pool: pg.Pool, wanted: number): Promise<bigint> {
  const store = new PostgresEventStore(pool);
  const head = await store.headPosition();
  if (head === 0n) await appendGenerated(context, store, Math.min(wanted, context.options.generator.events));
  else if (head < BigInt(wanted))
    context.progress.say(`relay: only ${formatNumber(Number(head))} events in the store; relaying those`);
  // As autovacuum would have: without statistics the planner reads the log by a sequential scan.
  await pool.query('ANALYZE events');
  const last = await store.headPosition();
  return last < BigInt(wanted) ? last : BigInt(wanted);
}

async function appendGenerated(context: StageContext, store: PostgresEventStore, count: number): Promise<void> {
  context.progress.say(`relay: the store is empty; appending ${formatNumber(count)} generated events directly`);
  const events = generateEvents({ ...context.options.generator, events: count });
  let batch: StreamWrite[] = [];
  let appended = 0;
  const flush = async () => {
    await store.appendMany(batch);
    appended += batch.length;
    batch = [];
    context.progress.every(() => `relay: appended ${formatNumber(appended)} / ${formatNumber(count)} events`);
  };
  for (const envelope of events) {
    batch.push({ streamId: streamOf(envelope).streamId, expectedRevision: 'any', events: [{ envelope, principal }] });
    if (batch.length === APPEND_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
}
