import type { EventStore } from '@vigil/event-store';

export interface RelayLag {
  head: bigint;
  /** Events stored but not yet published (positions are contiguous in the PostgreSQL store). */
  lagEvents: number;
  /** How long the oldest unpublished event has waited since it was recorded; 0 when caught up. */
  lagSeconds: number;
}

export async function measureLag(store: EventStore, checkpoint: bigint, now: Date): Promise<RelayLag> {
  const head = await store.headPosition();
  if (head <= checkpoint) return { head, lagEvents: 0, lagSeconds: 0 };
  const oldest = (await store.readAll(checkpoint, 1)).events[0];
  const waitedMs = oldest ? now.getTime() - Date.parse(oldest.recordedAt) : 0;
  return { head, lagEvents: Number(head - checkpoint), lagSeconds: Math.max(0, waitedMs) / 1_000 };
}
