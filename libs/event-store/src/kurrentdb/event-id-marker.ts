import { randomUUID } from 'node:crypto';
import { jsonEvent, type EventData } from '@kurrent/kurrentdb-client';
import type { RecordedLike } from './event-mapping';

/**
 * KurrentDB deduplicates only recent writes to the same stream, so each event id claims a stream
 * of its own, `$vigil-eventid-<eventId>`, written with expected state NO_STREAM in the same atomic
 * append as the event: a second claim of the id fails, for ever.
 */
export const MARKER_STREAM_PREFIX = '$vigil-eventid-';
export const MARKER_EVENT_TYPE = 'VigilEventIdClaimed';

export interface EventIdMarker {
  streamId: string;
  contentHash: string;
}

/** KurrentDB hands event ids back in lower case, as PostgreSQL's uuid type does. */
export function normaliseEventId(eventId: string): string {
  return eventId.toLowerCase();
}

export function markerStreamOf(eventId: string): string {
  return MARKER_STREAM_PREFIX + normaliseEventId(eventId);
}

export function isMarkerStream(streamId: string): boolean {
  return streamId.startsWith(MARKER_STREAM_PREFIX);
}

export function toMarkerEventData(marker: EventIdMarker): EventData {
  return jsonEvent({
    id: randomUUID(),
    type: MARKER_EVENT_TYPE,
    data: { streamId: marker.streamId, contentHash: marker.contentHash },
  });
}

export function fromMarkerEvent(recorded: Pick<RecordedLike, 'id' | 'streamId' | 'data'>): EventIdMarker {
  const data = recorded.data instanceof Uint8Array ? JSON.parse(Buffer.from(recorded.data).toString('utf8')) : recorded.data;
  const { streamId, contentHash } = (data ?? {}) as Partial<EventIdMarker>;
  if (typeof streamId !== 'string' || typeof contentHash !== 'string') {
    throw new Error(`marker ${recorded.id} in ${recorded.streamId} lacks streamId or contentHash`);
  }
  return { streamId, contentHash };
}
