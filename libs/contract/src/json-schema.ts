import { z } from 'zod';
import { ENVELOPE_SCHEMAS, EVENT_TYPES, EventEnvelopeSchema, type EventType } from './envelope';

export type JsonSchema = Record<string, unknown>;

export interface EventJsonSchemas {
  /** The envelope of any event: one alternative per event type. */
  readonly envelope: JsonSchema;
  /** The envelope of each event type, `data` included. */
  readonly events: Readonly<Record<EventType, JsonSchema>>;
}

export interface JsonSchemaOptions {
  /** `draft-2020-12` (OpenAPI 3.1, the default) or `openapi-3.0`. */
  readonly target?: 'draft-2020-12' | 'openapi-3.0';
}

/**
 * JSON Schema for the OpenAPI document. Refinements (real dates, baselines, filters per metric)
 * cannot be expressed there; the zod schemas remain the authority.
 */
export function eventJsonSchemas(options: JsonSchemaOptions = {}): EventJsonSchemas {
  const params = { target: options.target ?? 'draft-2020-12', io: 'input', unrepresentable: 'any' } as const;
  const events = Object.fromEntries(
    EVENT_TYPES.map((type) => [type, z.toJSONSchema(ENVELOPE_SCHEMAS[type], params) as JsonSchema]),
  ) as Record<EventType, JsonSchema>;
  return { envelope: z.toJSONSchema(EventEnvelopeSchema, params) as JsonSchema, events };
}
