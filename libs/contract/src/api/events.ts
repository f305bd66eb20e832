import { z } from 'zod';
import { EventEnvelopeSchema, EventIdSchema } from '../envelope';
import { DOMAIN_REJECTION_CODES } from '../rejection-codes';

/** POST /v1/events (CONTRACT.md §5). */

export const MAX_BATCH_EVENTS = 1_000;

/** One envelope, or an array of 1 to 1,000 applied in order. */
export const EventBatchSchema = z.union([EventEnvelopeSchema, z.array(EventEnvelopeSchema).min(1).max(MAX_BATCH_EVENTS)]);

/** Codes a posted event can be rejected with: §3's business rules, a changed re-post, and a unit outside the token's subtree. */
export const INGEST_REJECTION_CODES = [...DOMAIN_REJECTION_CODES, 'EVENT_ID_CONFLICT', 'OUT_OF_SCOPE'] as const;

const StoredAtSchema = {
  streamId: z
    .string()
    .min(1)
    .meta({ examples: ['case-LC-2024-000123'] }),
  revision: z.int().min(0).meta({ description: 'the event’s place in its stream, from 0' }),
  position: z.int().min(1).meta({ description: 'the event’s place in the global log' }),
};

export const IngestResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ eventId: EventIdSchema, status: z.literal('appended'), ...StoredAtSchema }),
  z
    .strictObject({ eventId: EventIdSchema, status: z.literal('duplicate'), ...StoredAtSchema })
    .meta({ description: 'stored before with the same content: where it is' }),
  z.strictObject({
    eventId: EventIdSchema,
    status: z.literal('rejected'),
    code: z.enum(INGEST_REJECTION_CODES),
    message: z.string().min(1),
  }),
]);

/** One result per posted event, in order. */
export const IngestAnswerSchema = z.strictObject({ results: z.array(IngestResultSchema).min(1).max(MAX_BATCH_EVENTS) });

export type IngestResultAnswer = z.infer<typeof IngestResultSchema>;
export type IngestAnswer = z.infer<typeof IngestAnswerSchema>;

export const EXAMPLE_INGEST_ANSWER: IngestAnswer = {
  results: [
    {
      eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a10',
      status: 'appended',
      streamId: 'case-LC-2024-000123',
      revision: 0,
      position: 48213,
    },
    {
      eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a21',
      status: 'duplicate',
      streamId: 'hotspot-LCI-HS-0042',
      revision: 1,
      position: 47002,
    },
    {
      eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a15',
      status: 'rejected',
      code: 'CASE_NOT_FOUND',
      message: 'case LC-2024-000124 has not been opened',
    },
  ],
};
