import { CATEGORIES, type StoredEvent } from '@vigil/contract';
import type { EventStore } from '@vigil/event-store';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { toTopicMessages } from '../codec/stored-event-messages';
import { ensureTopicsExist } from '../kafka/ensure-topics';
import { IdempotentProducer } from '../kafka/idempotent-producer';
import { topicOf } from '../kafka/topics';

/** Which stored events to publish again: positions inclusive, `recordedAt` inclusive. */
export interface RepublishRange {
  fromPosition: bigint;
  toPosition: bigint;
  streamId?: string;
  fromTime?: Date;
  toTime?: Date;
}

export interface RepublishTarget {
  kafka: Kafka;
  namespace: string;
  partitions: number;
}

const PAGE_SIZE = 2_000;

function inRange(event: StoredEvent, range: RepublishRange): boolean {
  if (event.position < range.fromPosition || event.position > range.toPosition) return false;
  if (range.streamId !== undefined && event.streamId !== range.streamId) return false;
  const recordedAt = Date.parse(event.recordedAt);
  if (range.fromTime && recordedAt < range.fromTime.getTime()) return false;
  if (range.toTime && recordedAt > range.toTime.getTime()) return false;
  return true;
}

/** The events of the range, page by page in log order (one stream: read that stream only). */
async function* pages(store: EventStore, range: RepublishRange): AsyncGenerator<StoredEvent[]> {
  if (range.streamId !== undefined) {
    const events = (await store.readStream(range.streamId)).filter((event) => inRange(event, range));
    for (let start = 0; start < events.length; start += PAGE_SIZE) yield events.slice(start, start + PAGE_SIZE);
    return;
  }
  let after = range.fromPosition - 1n;
  while (after < range.toPosition) {
    const page = await store.readAll(after, PAGE_SIZE);
    const events = page.events.filter((event) => inRange(event, range));
    if (events.length > 0) yield events;
    if (page.isEnd || page.events.length === 0) return;
    after = page.nextPosition;
  }
}

/**
 * Publishes stored events again exactly as the relay does (same messages, idempotent producer with
 * one request in flight, `acks: -1`), in log order. Consumers skip what they already applied.
 */
export async function republish(
  store: EventStore,
  target: RepublishTarget,
  range: RepublishRange,
  onProgress: (published: number) => void,
): Promise<number> {
  const topics = CATEGORIES.map((category) => topicOf(target.namespace, category));
  await ensureTopicsExist(target.kafka, topics, target.partitions);
  const producer = new IdempotentProducer(target.kafka);
  try {
    let published = 0;
    for await (const events of pages(store, range)) {
      await producer.send(toTopicMessages(target.namespace, events));
      published += events.length;
      onProgress(published);
    }
    return published;
  } finally {
    await producer.disconnect();
  }
}

/** Positions bounding the events recorded within [from, to], so the log is read only there. */
export async function positionsRecordedBetween(
  pool: Pool,
  from: Date,
  to: Date,
): Promise<{ first: bigint; last: bigint } | null> {
  const { rows } = await pool.query<{ first: string | null; last: string | null }>(
    'SELECT min(position)::text AS first, max(position)::text AS last FROM events WHERE recorded_at BETWEEN $1 AND $2',
    [from, to],
  );
  const row = rows[0];
  return row?.first && row.last ? { first: BigInt(row.first), last: BigInt(row.last) } : null;
}
