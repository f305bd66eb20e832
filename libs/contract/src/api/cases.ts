import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { CaseCategorySchema, CaseSeveritySchema } from '../vocabulary';
import { CountSchema, NextCursorSchema, TimestampSchema } from './answers';
import { CategoryParameterSchema, CursorSchema, LimitSchema, UnitIdParameterSchema } from './parameters';

/** GET /v1/cases: the case register of a unit's subtree, by case id (CONTRACT.md §5). */

/** The furthest a case got: voided over prosecuted over cleared over open. */
export const CASE_STATUSES = ['open', 'cleared', 'prosecuted', 'voided'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);

export const CaseListQuerySchema = z.strictObject({
  unitId: UnitIdParameterSchema.optional().meta({ description: 'whose subtree to list; default the token’s unit' }),
  status: CaseStatusSchema.optional(),
  category: CategoryParameterSchema.optional(),
  cursor: CursorSchema.optional(),
  limit: LimitSchema,
});

/** One case of the register; instants are the events' `occurredAt`. */
export const CaseItemSchema = z.strictObject({
  caseId: IdentifierSchema,
  unitId: IdentifierSchema,
  category: CaseCategorySchema,
  severity: CaseSeveritySchema,
  status: CaseStatusSchema,
  openedAt: TimestampSchema,
  clearedAt: TimestampSchema.nullable(),
  prosecutedAt: TimestampSchema.nullable(),
  voidedAt: TimestampSchema.nullable(),
  arrests: CountSchema,
  persons: CountSchema,
  defendants: CountSchema,
  lastRevision: z.int().min(0).meta({ description: 'the revision of its stream the register reflects' }),
});

export const CaseListAnswerSchema = z.strictObject({ items: z.array(CaseItemSchema), nextCursor: NextCursorSchema });

export type CaseStatus = z.infer<typeof CaseStatusSchema>;
export type CaseItem = z.infer<typeof CaseItemSchema>;
export type CaseListAnswer = z.infer<typeof CaseListAnswerSchema>;

export const EXAMPLE_CASE_LIST: CaseListAnswer = {
  items: [
    {
      caseId: 'LC-2024-000123',
      unitId: 'VN-LCI-LCC-COCSAN',
      category: 'drugs',
      severity: 'very_serious',
      status: 'prosecuted',
      openedAt: '2024-03-01T08:00:00.000Z',
      clearedAt: '2024-03-05T03:30:00.000Z',
      prosecutedAt: '2024-04-10T07:00:00.000Z',
      voidedAt: null,
      arrests: 1,
      persons: 3,
      defendants: 2,
      lastRevision: 4,
    },
    {
      caseId: 'LC-2024-000124',
      unitId: 'VN-LCI-LCC-COCSAN',
      category: 'social_order',
      severity: 'less_serious',
      status: 'voided',
      openedAt: '2024-03-01T08:10:00.000Z',
      clearedAt: null,
      prosecutedAt: null,
      voidedAt: '2024-03-02T01:00:00.000Z',
      arrests: 0,
      persons: 0,
      defendants: 0,
      lastRevision: 1,
    },
  ],
  nextCursor: 'eyJhZnRlciI6IkxDLTIwMjQtMDAwMTI0In0',
};
