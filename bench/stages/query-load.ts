import { streamOf, type EventEnvelope, type StoredEvent } from '@vigil/contract';
import { figuresProjection } from '@vigil/projections';
import type pg from 'pg';
import { generateEvents, type GeneratorOptions } from '../generator';
import { KNOWN_SHARES, rankOfShare, type RecordedSample } from './query-as-of';

const principal = { role: 'operator', unit: 'VN', subject: 'vigil-bench' };

/** Events posted together share a recordedAt, as one append to the store does (ingest posts batches of 500). */
const POSTED_BATCH = 500;

/**
 * Generated envelopes as the store would hand them out: a revision per stream, a global position,
 * and per posted batch one `recordedAt`, the latest occurredAt posted so far (the generator posts in
 * day order; a late event is recorded on the day it is posted): asOf then means what it does.
 */
export function* storedGenerated(options: GeneratorOptions): Generator<StoredEvent> {
  const revisions = new Map<string, bigint>();
  let position = 0n;
  let recordedAt = Number.NEGATIVE_INFINITY;
  let batch: EventEnvelope[] = [];
  const stored = function* () {
    for (const envelope of batch) recordedAt = Math.max(recordedAt, Date.parse(envelope.occurredAt));
    for (const envelope of batch) {
      const { streamId } = streamOf(envelope);
      const revision = revisions.get(streamId) ?? 0n;
      revisions.set(streamId, revision + 1n);
      position += 1n;
      const { metadata, ...rest } = envelope;
      yield {
        ...rest,
        metadata: { ...metadata, principal },
        streamId,
        revision,
        position,
        recordedAt: new Date(recordedAt).toISOString(),
      } as unknown as StoredEvent;
    }
    batch = [];
  };
  for (const envelope of generateEvents(options) as Generator<EventEnvelope>) {
    batch.push(envelope);
    if (batch.length === POSTED_BATCH) yield* stored();
  }
  yield* stored();
}

/**
 * Fills the figures read model in `schema` with generated events, applied by the projection's own
 * `apply` in pages of `pageSize` (one transaction each, as the runner does), then ANALYZEs it.
 * Returns how many were applied and when shares of them had been recorded (the generator makes exactly
 * `options.events`, in recorded order).
 */
export async function loadFigures(
  pool: pg.Pool,
  schema: string,
  options: GeneratorOptions,
  pageSize: number,
  onPage: (applied: number) => void,
): Promise<{ applied: number; sample: RecordedSample }> {
  const client = await pool.connect();
  const shares = Object.entries(KNOWN_SHARES).map(([name, share]) => ({ name, rank: rankOfShare(share, options.events) }));
  const sample: Record<string, string> = {};
  let applied = 0;
  try {
    await figuresProjection.createTables(client, schema);
    let page: StoredEvent[] = [];
    const flush = async () => {
      await client.query('BEGIN');
      await figuresProjection.apply(client, schema, page);
      await client.query('COMMIT');
      applied += page.length;
      page = [];
      onPage(applied);
    };
    for (const event of storedGenerated(options)) {
      for (const { name, rank } of shares) if (rank === applied + page.length) sample[name] = event.recordedAt;
      page.push(event);
      if (page.length === pageSize) await flush();
    }
    if (page.length > 0) await flush();
    await client.query(`ANALYZE`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return { applied, sample: sample as RecordedSample };
}
