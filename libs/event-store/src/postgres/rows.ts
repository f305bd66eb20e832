import type { StoredEvent } from '@vigil/contract';

/** A row of the `events` table as node-postgres returns it (bigint as string). */
export interface EventRow {
  position: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  occurred_at: string;
  recorded_at: Date;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
}

export const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, occurred_at, recorded_at, data, metadata';

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    occurredAt: row.occurred_at,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    recordedAt: row.recorded_at.toISOString(),
  } as StoredEvent;
}
