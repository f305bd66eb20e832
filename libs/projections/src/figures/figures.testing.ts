import { randomUUID } from 'node:crypto';
import { streamOf, type EventDataOf, type EventType, type StoredEvent } from '@vigil/contract';
import type { Pool } from 'pg';
import { figuresProjection } from './figures.projection';

/** A fresh schema with the figures tables, dropped by `drop`. */
export async function freshFiguresSchema(pool: Pool): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `rm_figures_test_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const client = await pool.connect();
  try {
    await figuresProjection.createTables(client, schema);
  } finally {
    client.release();
  }
  return { schema, drop: async () => void (await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)) };
}

/** Builds stored events as the store would: revisions per stream, a global position, recordedAt as given. */
export class StoredEvents {
  private position = 0n;
  private readonly revisions = new Map<string, bigint>();

  event<T extends EventType>(type: T, data: EventDataOf<T>, occurredAt: string, recordedAt: string): StoredEvent<T> {
    const { streamId } = streamOf({ type, data } as never);
    const revision = this.revisions.get(streamId) ?? 0n;
    this.revisions.set(streamId, revision + 1n);
    this.position += 1n;
    return {
      eventId: randomUUID(),
      type,
      occurredAt,
      data,
      metadata: { principal: { role: 'upstream', unit: 'VN', subject: 'jest' } },
      streamId,
      revision,
      position: this.position,
      recordedAt: new Date(recordedAt).toISOString(),
    } as unknown as StoredEvent<T>;
  }
}

/** Applies events in one transaction, as the runner does. */
export async function applyEvents(pool: Pool, schema: string, events: readonly StoredEvent[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await figuresProjection.apply(client, schema, events);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
