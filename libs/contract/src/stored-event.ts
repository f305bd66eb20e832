import { z } from 'zod';
import { InstantSchema } from './dates';
import { envelopeSchemas, metadataSchema, type EventEnvelope, type EventType } from './envelope';
import { problemsFromZodError, type ParseResult } from './problems';
import { streamOf } from './streams';
import { STORED_RULES } from './value-rules';

/** Who posted the event, taken from the verified token, never from the client's metadata. */
export const PrincipalSchema = z.strictObject({
  role: z.string().min(1),
  unit: z.string().min(1),
  subject: z.string().optional(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

/** W3C Trace Context `traceparent`: version, trace id, parent span id, flags. */
export const TraceparentSchema = z
  .string()
  .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/, { error: 'must be a W3C traceparent' });

// Built with the rules of 1.0, not the door's: the bounds of 1.1 apply to what is posted, and an
// event stored before them must stay decodable by every projection. `principal` and `traceparent`
// are recorded by Vigil (the trace of the request that appended it, when tracing is on), never sent.
export const StoredMetadataSchema = metadataSchema(STORED_RULES).extend({
  principal: PrincipalSchema,
  traceparent: TraceparentSchema.optional(),
});
export type StoredMetadata = z.infer<typeof StoredMetadataSchema>;

interface Storage<N> {
  metadata: StoredMetadata;
  streamId: string;
  revision: N;
  position: N;
  /** When Vigil stored it, ISO-8601 in UTC. */
  recordedAt: string;
}

type Stored<E, N> = E extends EventEnvelope ? Omit<E, 'metadata'> & Storage<N> : never;

/** An envelope as the event store holds it; narrows on `type` like the envelope. */
export type StoredEvent<T extends EventType = EventType> = Stored<Extract<EventEnvelope, { type: T }>, bigint>;
/** The same with `revision` and `position` as decimal strings (JSON has no 64-bit integers). */
export type JsonStoredEvent<T extends EventType = EventType> = Stored<Extract<EventEnvelope, { type: T }>, string>;

export function toJsonStoredEvent<T extends EventType>(event: StoredEvent<T>): JsonStoredEvent<T> {
  return { ...event, revision: event.revision.toString(), position: event.position.toString() } as unknown as JsonStoredEvent<T>;
}

/** Converts without validating: for JSON Vigil produced itself. Use `parseJsonStoredEvent` for anything else. */
export function fromJsonStoredEvent<T extends EventType>(json: JsonStoredEvent<T>): StoredEvent<T> {
  return { ...json, revision: BigInt(json.revision), position: BigInt(json.position) } as unknown as StoredEvent<T>;
}

const DecimalSchema = z.string().regex(/^(0|[1-9][0-9]*)$/, { error: 'must be a non-negative decimal integer' });

/** Each stored event type: the envelope with 1.0's value rules, plus what Vigil added when storing it. */
export const STORED_EVENT_SCHEMAS = Object.fromEntries(
  Object.entries(envelopeSchemas(STORED_RULES)).map(([type, schema]) => [
    type,
    schema.extend({
      metadata: StoredMetadataSchema,
      streamId: z.string().min(1),
      revision: DecimalSchema,
      position: DecimalSchema,
      recordedAt: InstantSchema,
    }),
  ]),
) as unknown as Record<EventType, z.ZodType>;

/** Validates a stored event received as JSON (Kafka, HTTP), including that its stream id matches its data. */
export function parseJsonStoredEvent(input: unknown): ParseResult<StoredEvent> {
  const type = (input as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(STORED_EVENT_SCHEMAS, type)) {
    return { ok: false, problems: [{ path: '/type', message: 'is not a known event type', code: 'invalid_value' }] };
  }
  const result = STORED_EVENT_SCHEMAS[type as EventType].safeParse(input);
  if (!result.success) return { ok: false, problems: problemsFromZodError(result.error) };
  const json = result.data as JsonStoredEvent;
  const expected = streamOf(json as unknown as EventEnvelope).streamId;
  if (json.streamId !== expected) {
    return { ok: false, problems: [{ path: '/streamId', message: `must be ${expected} for this event`, code: 'custom' }] };
  }
  return { ok: true, value: fromJsonStoredEvent(json) };
}
