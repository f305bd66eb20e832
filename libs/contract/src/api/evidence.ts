import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { NextCursorSchema, TimestampSchema } from './answers';
import { AsOfSchema, AtSchema, CursorSchema, UnitIdParameterSchema } from './parameters';

/** GET /v1/directives/{directiveId}/progress/{targetId}/evidence (CONTRACT.md §5, "Analyst views"). */

export const EVIDENCE_PAGE_SIZE = 500;

export const EvidencePathSchema = z.strictObject({
  directiveId: IdentifierSchema.meta({ description: 'a directive id', examples: ['SC-138-2024'] }),
  targetId: IdentifierSchema.meta({ description: 'a target of that directive', examples: ['serious-cleared'] }),
});

export const EvidenceQuerySchema = z.strictObject({
  unitId: UnitIdParameterSchema.optional().meta({ description: 'the facts behind the figure of this unit’s subtree' }),
  asOf: AsOfSchema.optional(),
  at: AtSchema.optional(),
  cursor: CursorSchema.optional(),
});

export const EVIDENCE_KINDS = ['case', 'arrest', 'hotspot', 'weapons', 'incident', 'reading'] as const;

/** One fact and what it adds to the figure's numerator and denominator (0 when nothing). */
export const EvidenceItemSchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  id: z.string().min(1).meta({ description: 'the case, arrest or hotspot id; the event id for weapons, incidents and readings' }),
  unitId: IdentifierSchema,
  occurredAt: TimestampSchema,
  recordedAt: TimestampSchema,
  positions: z
    .array(z.int().min(1))
    .min(1)
    .meta({ description: 'the global log positions of the events that make the item count' }),
  numerator: z.number(),
  denominator: z.number(),
});

/** Summed over all pages, the items' numerators and denominators equal the figure's own exactly. */
export const EvidenceAnswerSchema = z.strictObject({
  targetId: IdentifierSchema,
  unitId: IdentifierSchema,
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  items: z.array(EvidenceItemSchema).max(EVIDENCE_PAGE_SIZE),
  nextCursor: NextCursorSchema,
});

export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;
export type EvidenceAnswer = z.infer<typeof EvidenceAnswerSchema>;

/** The last page of the evidence of "very serious and especially serious cases cleared" (31 of 32). */
export const EXAMPLE_EVIDENCE: EvidenceAnswer = {
  targetId: 'serious-cleared',
  unitId: 'VN-LCI',
  numerator: 31,
  denominator: 32,
  items: [
    {
      kind: 'case',
      id: 'LC-2024-000123',
      unitId: 'VN-LCI-LCC-COCSAN',
      occurredAt: '2024-03-01T08:00:00.000Z',
      recordedAt: '2024-03-01T08:00:01.250Z',
      positions: [48213, 48390, 50177],
      numerator: 1,
      denominator: 1,
    },
    {
      kind: 'case',
      id: 'LC-2024-000311',
      unitId: 'VN-LCI-BXT',
      occurredAt: '2024-05-19T13:20:00.000Z',
      recordedAt: '2024-05-19T13:41:07.918Z',
      positions: [61877, 61902],
      numerator: 0,
      denominator: 1,
    },
  ],
  nextCursor: null,
};
