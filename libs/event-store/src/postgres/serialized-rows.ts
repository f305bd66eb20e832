import type { SerializedEvent } from '../event-store.port';

/**
 * A page of the log with `data` and `metadata` as the JSON text PostgreSQL stores, and
 * `recorded_at` already formatted as `Date.toISOString()` would (both truncate to milliseconds):
 * nothing to parse, one string to build per event. Rows as arrays, in this column order.
 */
export const SERIALIZED_PAGE_SQL = `
  SELECT position, event_id, stream_id, revision, type, occurred_at,
         to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         data::text, metadata::text, metadata->>'correlationId', metadata->>'traceparent'
  FROM events WHERE position > $1 ORDER BY position LIMIT $2`;

export type SerializedRow = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string | null,
  string | null,
];

/** The JSON of `toJsonStoredEvent`, with its keys in the same order. */
export function toSerializedEvent(row: SerializedRow): SerializedEvent {
  const [position, eventId, streamId, revision, type, occurredAt, recordedAt, data, metadata, correlationId, traceparent] = row;
  const json =
    `{"eventId":"${eventId}","type":${JSON.stringify(type)},"occurredAt":${JSON.stringify(occurredAt)},` +
    `"data":${data},"metadata":${metadata},"streamId":${JSON.stringify(streamId)},` +
    `"revision":"${revision}","position":"${position}","recordedAt":"${recordedAt}"}`;
  return {
    position: BigInt(position),
    eventId,
    streamId,
    type,
    ...(correlationId ? { correlationId } : {}),
    ...(traceparent ? { traceparent } : {}),
    json,
  };
}
