import { categoryOfStream, type StoredEvent } from '@vigil/contract';
import { Pool } from 'pg';
import { applyEvents, figuresAnswers, freshFiguresSchema, mixedWorkload } from './figures.testing';

// Kafka keeps each stream's order, nothing more: the figures must answer the same whatever the
// interleaving of partitions and the sizes of batches. Each seed below is one such interleaving; the
// rollups' answers are checked against the same queries read from the facts alone.
const PARTITIONS = 3;
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });

/** A small deterministic generator, so a failing seed can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const partitionOf = (streamId: string) =>
  [...streamId].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0, 7) % PARTITIONS;

/** The events as batches of one topic partition each, partitions interleaved at random, each stream in order. */
function interleaving(events: readonly StoredEvent[], seed: number): StoredEvent[][] {
  const next = random(seed);
  const queues = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const key = `${categoryOfStream(event.streamId)}/${partitionOf(event.streamId)}`;
    queues.set(key, [...(queues.get(key) ?? []), event]);
  }
  const batches: StoredEvent[][] = [];
  while (queues.size > 0) {
    const keys = [...queues.keys()];
    const key = keys[Math.floor(next() * keys.length)]!;
    const queue = queues.get(key)!;
    batches.push(queue.splice(0, 1 + Math.floor(next() * 12)));
    if (queue.length === 0) queues.delete(key);
  }
  return batches;
}

const fromFacts = (schema: string) => figuresAnswers(pool, schema, { fromFacts: true });

afterAll(async () => {
  await pool.end();
});

describe('figures whatever the order partitions arrive in', () => {
  const events = mixedWorkload();
  let reference: Record<string, unknown>;

  beforeAll(async () => {
    const { schema, drop } = await freshFiguresSchema(pool);
    await applyEvents(pool, schema, events);
    reference = await fromFacts(schema);
    await drop();
  });

  it.each(Array.from({ length: 60 }, (_, seed) => seed + 100))('answers as the facts do for interleaving %i', async (seed) => {
    const { schema, drop } = await freshFiguresSchema(pool);
    try {
      for (const batch of interleaving(events, seed)) await applyEvents(pool, schema, batch);
      expect(await figuresAnswers(pool, schema)).toEqual(reference);
    } finally {
      await drop();
    }
  });
});
