import { z } from 'zod';
import { InstantSchema } from './dates';
import {
  ArrestMadeDataSchema,
  CaseClearedDataSchema,
  CaseOpenedDataSchema,
  CaseProsecutedDataSchema,
  CaseReclassifiedDataSchema,
  CaseVoidedDataSchema,
} from './events/cases';
import {
  DirectiveIssuedDataSchema,
  TargetRevisedDataSchema,
  TargetSetDataSchema,
  TargetWithdrawnDataSchema,
} from './events/directives';
import {
  HotspotEliminatedDataSchema,
  HotspotIdentifiedDataSchema,
  HotspotListedDataSchema,
  HotspotRelapsedDataSchema,
  HotspotTransformedDataSchema,
} from './events/hotspots';
import { IncidentRecordedDataSchema, IndicatorMeasuredDataSchema, WeaponsCollectedDataSchema } from './events/measures';
import { UnitReassignedDataSchema, UnitRegisteredDataSchema } from './events/units';
import { problemsFromZodError, type ParseResult } from './problems';

// Stored in lowercase (PostgreSQL's uuid text form), so a re-post in other case is still a duplicate.
export const EventIdSchema = z
  .uuid({ error: 'must be a UUID, e.g. 0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a10' })
  .overwrite((id) => id.toLowerCase());

export const MetadataSchema = z.strictObject({
  correlationId: z.string().max(128).optional(),
  causationId: z.string().max(128).optional(),
  sourceSystem: z.string().max(128).optional(),
});

export type Metadata = z.infer<typeof MetadataSchema>;

function envelopeSchema<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.strictObject({
    eventId: EventIdSchema,
    type: z.literal(type),
    occurredAt: InstantSchema,
    data,
    metadata: MetadataSchema.optional(),
  });
}

/** The envelope of each event type of CONTRACT.md §3, in the contract's order. */
export const ENVELOPE_SCHEMAS = {
  UnitRegistered: envelopeSchema('UnitRegistered', UnitRegisteredDataSchema),
  UnitReassigned: envelopeSchema('UnitReassigned', UnitReassignedDataSchema),
  DirectiveIssued: envelopeSchema('DirectiveIssued', DirectiveIssuedDataSchema),
  TargetSet: envelopeSchema('TargetSet', TargetSetDataSchema),
  TargetRevised: envelopeSchema('TargetRevised', TargetRevisedDataSchema),
  TargetWithdrawn: envelopeSchema('TargetWithdrawn', TargetWithdrawnDataSchema),
  CaseOpened: envelopeSchema('CaseOpened', CaseOpenedDataSchema),
  CaseCleared: envelopeSchema('CaseCleared', CaseClearedDataSchema),
  ArrestMade: envelopeSchema('ArrestMade', ArrestMadeDataSchema),
  CaseProsecuted: envelopeSchema('CaseProsecuted', CaseProsecutedDataSchema),
  CaseReclassified: envelopeSchema('CaseReclassified', CaseReclassifiedDataSchema),
  CaseVoided: envelopeSchema('CaseVoided', CaseVoidedDataSchema),
  HotspotIdentified: envelopeSchema('HotspotIdentified', HotspotIdentifiedDataSchema),
  HotspotListed: envelopeSchema('HotspotListed', HotspotListedDataSchema),
  HotspotTransformed: envelopeSchema('HotspotTransformed', HotspotTransformedDataSchema),
  HotspotRelapsed: envelopeSchema('HotspotRelapsed', HotspotRelapsedDataSchema),
  HotspotEliminated: envelopeSchema('HotspotEliminated', HotspotEliminatedDataSchema),
  WeaponsCollected: envelopeSchema('WeaponsCollected', WeaponsCollectedDataSchema),
  IndicatorMeasured: envelopeSchema('IndicatorMeasured', IndicatorMeasuredDataSchema),
  IncidentRecorded: envelopeSchema('IncidentRecorded', IncidentRecordedDataSchema),
};

export type EventType = keyof typeof ENVELOPE_SCHEMAS;
export const EVENT_TYPES = Object.keys(ENVELOPE_SCHEMAS) as readonly EventType[];

export const EventEnvelopeSchema = z.discriminatedUnion('type', [
  ENVELOPE_SCHEMAS.UnitRegistered,
  ENVELOPE_SCHEMAS.UnitReassigned,
  ENVELOPE_SCHEMAS.DirectiveIssued,
  ENVELOPE_SCHEMAS.TargetSet,
  ENVELOPE_SCHEMAS.TargetRevised,
  ENVELOPE_SCHEMAS.TargetWithdrawn,
  ENVELOPE_SCHEMAS.CaseOpened,
  ENVELOPE_SCHEMAS.CaseCleared,
  ENVELOPE_SCHEMAS.ArrestMade,
  ENVELOPE_SCHEMAS.CaseProsecuted,
  ENVELOPE_SCHEMAS.CaseReclassified,
  ENVELOPE_SCHEMAS.CaseVoided,
  ENVELOPE_SCHEMAS.HotspotIdentified,
  ENVELOPE_SCHEMAS.HotspotListed,
  ENVELOPE_SCHEMAS.HotspotTransformed,
  ENVELOPE_SCHEMAS.HotspotRelapsed,
  ENVELOPE_SCHEMAS.HotspotEliminated,
  ENVELOPE_SCHEMAS.WeaponsCollected,
  ENVELOPE_SCHEMAS.IndicatorMeasured,
  ENVELOPE_SCHEMAS.IncidentRecorded,
]);

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

/**
 * Validates one envelope. The type is checked first so that an unknown type yields one problem
 * at `/type` rather than one per union member.
 */
export function parseEnvelope(input: unknown): ParseResult<EventEnvelope> {
  if (!isRecord(input)) {
    return { ok: false, problems: [{ path: '', message: 'must be an event envelope object', code: 'invalid_type' }] };
  }
  if (!isEventType(input.type)) {
    const known = `known types: ${EVENT_TYPES.join(', ')}`;
    const message = input.type === undefined ? `is required; ${known}` : `unknown event type ${describe(input.type)}; ${known}`;
    return { ok: false, problems: [{ path: '/type', message, code: 'invalid_value' }] };
  }
  const result = ENVELOPE_SCHEMAS[input.type].safeParse(input);
  if (!result.success) return { ok: false, problems: problemsFromZodError(result.error) };
  return { ok: true, value: result.data as EventEnvelope };
}
