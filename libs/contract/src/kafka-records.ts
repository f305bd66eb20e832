import { z } from 'zod';
import { ProblemItemSchema } from './api/problem';
import { InstantSchema } from './dates';

/**
 * What Vigil writes on its own Kafka topics besides stored events (CONTRACT.md §6): the records of the
 * rejected-inbound and dead-letter topics.
 */

/** Where a record came from, so an operator can find and replay it. */
export const KafkaOriginSchema = z.strictObject({
  topic: z.string().min(1),
  partition: z.int().min(0),
  offset: z.string().regex(/^(0|[1-9][0-9]*)$/, { error: 'must be a non-negative decimal integer' }),
  key: z.string().nullable().meta({ description: 'the message key as UTF-8, null when it had none' }),
  value: z.string().nullable().meta({
    description:
      'the message value as UTF-8, untouched; null when it had none, or when an inbound message is too large to copy onto its rejection (the reason then says where it lies)',
  }),
});

/** Why an inbound message was not (fully) accepted: one record per reason. */
export const InboundRejectionReasonSchema = z.strictObject({
  code: z
    .string()
    .min(1)
    .meta({
      description:
        'a business-rule code of CONTRACT.md §3, or why the message was not read: `UNAUTHENTICATED`, `ROLE_NOT_ALLOWED`, ' +
        '`MALFORMED_JSON` (not JSON, or not valid UTF-8), `VALIDATION_FAILED`, `OUT_OF_SCOPE`, `NOT_STORED` (the store ' +
        'refused it); a store out of reach is waited for, never a rejection',
      examples: ['UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'MALFORMED_JSON', 'VALIDATION_FAILED', 'CASE_NOT_FOUND', 'OUT_OF_SCOPE'],
    }),
  message: z.string(),
  eventId: z.string().optional().meta({ description: 'the event a business rule refused' }),
  problems: z
    .array(ProblemItemSchema)
    .optional()
    .meta({ description: 'schema problems, each with the JSON Pointer of its field' }),
});

/** A record of `<namespace>.inbound.rejected.v1`. */
export const InboundRejectionSchema = z.strictObject({
  reason: InboundRejectionReasonSchema,
  rejectedAt: InstantSchema,
  original: KafkaOriginSchema,
});

/** A record of `<namespace>.dead-letters.v1`: a message a projection could not apply, and why. */
export const DeadLetterSchema = z.strictObject({
  projection: z
    .string()
    .min(1)
    .meta({ examples: ['figures', 'cases', 'hotspots'] }),
  reason: z.string().min(1),
  original: KafkaOriginSchema,
});

export type KafkaOrigin = z.infer<typeof KafkaOriginSchema>;
export type InboundRejectionReason = z.infer<typeof InboundRejectionReasonSchema>;
export type InboundRejection = z.infer<typeof InboundRejectionSchema>;
export type DeadLetterRecord = z.infer<typeof DeadLetterSchema>;
