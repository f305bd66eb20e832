import {
  jsonEvent,
  START,
  streamNameFilter,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import type { StoredEvent } from '@vigil/contract';
import type { EventToAppend } from '../event-store.port';

/** Vigil's own streams: no `$` prefix, which leaves out system streams and the event-id markers. */
export const VIGIL_STREAMS_REGEX = '^[^$]';
export const VIGIL_STREAMS = streamNameFilter({ regex: VIGIL_STREAMS_REGEX });

/** The part of a recorded event this adapter reads; the client's RecordedEvent has it. */
export interface RecordedLike {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

/**
 * The event as KurrentDB stores it: its id is the upstream `eventId`, its type the envelope's, its
 * data the envelope's data. Multi-stream append takes metadata only as string values, so the
 * nested parts travel as JSON text.
 */
export function toEventData(event: EventToAppend, recordedAt: string): EventData {
  const { envelope, principal, traceparent } = event;
  const metadata: Record<string, string> = {
    occurredAt: envelope.occurredAt,
    recordedAt,
    principal: JSON.stringify(principal),
    ...(traceparent ? { traceparent } : {}),
  };
  if (envelope.metadata !== undefined) metadata.metadata = JSON.stringify(envelope.metadata);
  return jsonEvent({ id: envelope.eventId, type: envelope.type, data: envelope.data as JSONType, metadata });
}

export function isVigilEvent(recorded: Pick<RecordedLike, 'streamId' | 'type'>): boolean {
  return !recorded.streamId.startsWith('$') && !recorded.type.startsWith('$');
}

/** Reads back what `toEventData` wrote; the server may add keys of its own (`$schema.*`) to the metadata. */
export function toStoredEvent(recorded: RecordedLike): StoredEvent {
  const position = recorded.position?.commit;
  if (position === undefined) {
    throw new Error(`event ${recorded.id} in ${recorded.streamId} came without its log position`);
  }
  const properties = asObject(decodeJson(recorded.metadata), 'metadata', recorded);
  const metadata =
    properties.metadata === undefined ? {} : asObject(nestedJson(properties.metadata), 'metadata.metadata', recorded);
  const principal = asObject(nestedJson(properties.principal), 'metadata.principal', recorded);
  const traceparent = typeof properties.traceparent === 'string' ? { traceparent: properties.traceparent } : {};
  return {
    eventId: recorded.id,
    type: recorded.type,
    occurredAt: asString(properties.occurredAt, 'metadata.occurredAt', recorded),
    data: decodeJson(recorded.data),
    metadata: { ...metadata, principal, ...traceparent },
    streamId: recorded.streamId,
    revision: recorded.revision,
    position,
    recordedAt: asString(properties.recordedAt, 'metadata.recordedAt', recorded),
  } as StoredEvent;
}

/**
 * Reading `$all` from a position includes the event at that position, so `after` is where to
 * start and the caller drops that one event. For an event a gRPC append wrote, the commit and
 * prepare positions are the same (each is its own committed prepare record).
 */
export function readPositionFrom(after: bigint): ReadPosition {
  return after === 0n ? START : { commit: after, prepare: after };
}

function decodeJson(value: unknown): unknown {
  return value instanceof Uint8Array ? JSON.parse(Buffer.from(value).toString('utf8')) : value;
}

function nestedJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function asObject(value: unknown, what: string, recorded: RecordedLike): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new Error(`event ${recorded.id} in ${recorded.streamId}: ${what} is not a JSON object`);
}

function asString(value: unknown, what: string, recorded: RecordedLike): string {
  if (typeof value === 'string') return value;
  throw new Error(`event ${recorded.id} in ${recorded.streamId}: ${what} is not a string`);
}
