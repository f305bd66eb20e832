import { z } from 'zod';
import { caseDataSchemas } from './events/cases';
import { directiveDataSchemas } from './events/directives';
import { hotspotDataSchemas } from './events/hotspots';
import { measureDataSchemas } from './events/measures';
import { unitDataSchemas } from './events/units';
import { occurredAtTooLate } from './occurred-at';
import { problemsFromZodError, type ParseResult, type Problem } from './problems';
import { DOOR_RULES, type ValueRules } from './value-rules';

// Stored in lowercase (PostgreSQL's uuid text form), so a re-post in other case is still a duplicate.
export const EventIdSchema = z
  .uuid({ error: 'must be a UUID, e.g. 0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a10' })
  .overwrite((id) => id.toLowerCase());

export function metadataSchema(rules: ValueRules) {
  return z.strictObject({
    correlationId: rules.metadataText().optional(),
    causationId: rules.metadataText().optional(),
    sourceSystem: rules.metadataText().optional(),
  });
}

export const MetadataSchema = metadataSchema(DOOR_RULES);
export type Metadata = z.infer<typeof MetadataSchema>;

/** The data of every event type of CONTRACT.md §3, in the contract's order. */
export function eventDataSchemas(rules: ValueRules) {
  return {
    ...unitDataSchemas(rules),
    ...directiveDataSchemas(rules),
    ...caseDataSchemas(rules),
    ...hotspotDataSchemas(rules),
    ...measureDataSchemas(rules),
  };
}

type EventDataSchemas = ReturnType<typeof eventDataSchemas>;

type EnvelopeSchema<T extends string, D extends z.ZodType> = z.ZodObject<
  {
    eventId: typeof EventIdSchema;
    type: z.ZodLiteral<T>;
    occurredAt: z.ZodType<string, string>;
    data: D;
    metadata: z.ZodOptional<ReturnType<typeof metadataSchema>>;
  },
  z.core.$strict
>;

function envelopeSchema<T extends string, D extends z.ZodType>(type: T, data: D, rules: ValueRules): EnvelopeSchema<T, D> {
  return z.strictObject({
    eventId: EventIdSchema,
    type: z.literal(type),
    occurredAt: rules.occurredAt(),
    data,
    metadata: metadataSchema(rules).optional(),
  });
}

type EnvelopeSchemas = {
  [T in keyof EventDataSchemas & string]: EnvelopeSchema<T, EventDataSchemas[T]>;
};

/** The envelope of each event type, its values bounded by `rules`. */
export function envelopeSchemas(rules: ValueRules): EnvelopeSchemas {
  const data = eventDataSchemas(rules);
  return Object.fromEntries(
    Object.entries(data).map(([type, schema]) => [type, envelopeSchema(type, schema, rules)]),
  ) as unknown as EnvelopeSchemas;
}

/** The envelope of each event type at the door (CONTRACT.md §2 1.1 bounds), in the contract's order. */
export const ENVELOPE_SCHEMAS = envelopeSchemas(DOOR_RULES);

export type EventType = keyof typeof ENVELOPE_SCHEMAS;
export const EVENT_TYPES = Object.keys(ENVELOPE_SCHEMAS) as readonly EventType[];

/** One envelope of any type; every bound but "at most 24 hours after it is posted", which `parseEnvelope` adds. */
export const EventEnvelopeSchema = z.discriminatedUnion(
  'type',
  EVENT_TYPES.map((type) => ENVELOPE_SCHEMAS[type]) as unknown as [EnvelopeSchemas[EventType], ...EnvelopeSchemas[EventType][]],
);

export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;
export type EventOf<T extends EventType> = Extract<EventEnvelope, { type: T }>;
export type EventDataOf<T extends EventType> = EventOf<T>['data'];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(ENVELOPE_SCHEMAS, value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value !== 'string') return `of type ${value === null ? 'null' : typeof value}`;
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

export interface ParseEnvelopeOptions {
  /** The moment it is posted: `occurredAt` may lie at most 24 hours after it. */
  readonly now: Date;
}

/**
 * Validates one envelope at the door. The type is checked first so that an unknown type yields one
 * problem at `/type` rather than one per union member.
 */
export function parseEnvelope(input: unknown, options: ParseEnvelopeOptions): ParseResult<EventEnvelope> {
  if (!isRecord(input)) {
    return { ok: false, problems: [{ path: '', message: 'must be an event envelope object', code: 'invalid_type' }] };
  }
  if (!isEventType(input.type)) {
    const known = `known types: ${EVENT_TYPES.join(', ')}`;
    const message = input.type === undefined ? `is required; ${known}` : `unknown event type ${describe(input.type)}; ${known}`;
    return { ok: false, problems: [{ path: '/type', message, code: 'invalid_value' }] };
  }
  const result = ENVELOPE_SCHEMAS[input.type].safeParse(input);
  const problems = result.success ? [] : problemsFromZodError(result.error);
  const late = problems.some((problem) => problem.path === '/occurredAt')
    ? null
    : occurredAtTooLate(String(input.occurredAt), options.now);
  if (late !== null) insertInFieldOrder(problems, late);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: result.data as EventEnvelope };
}

/** Keeps the envelope's field order (eventId, type, occurredAt, data, metadata) among the problems. */
function insertInFieldOrder(problems: Problem[], occurredAtProblem: Problem): void {
  const after = problems.findIndex((problem) => /^\/(data|metadata)(\/|$)/.test(problem.path));
  problems.splice(after === -1 ? problems.length : after, 0, occurredAtProblem);
}
