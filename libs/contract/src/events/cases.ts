import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { textSchema } from '../text';
import { CaseCategorySchema, CaseSeveritySchema } from '../vocabulary';

export const CaseOpenedDataSchema = z.strictObject({
  caseId: IdentifierSchema,
  unitId: IdentifierSchema,
  category: CaseCategorySchema,
  severity: CaseSeveritySchema,
});

export const CaseClearedDataSchema = z.strictObject({ caseId: IdentifierSchema });

export const ArrestMadeDataSchema = z.strictObject({
  caseId: IdentifierSchema,
  arrestId: IdentifierSchema,
  persons: z.int().min(1),
});

export const CaseProsecutedDataSchema = z.strictObject({
  caseId: IdentifierSchema,
  defendants: z.int().min(1),
});

export const CaseReclassifiedDataSchema = z
  .strictObject({
    caseId: IdentifierSchema,
    category: CaseCategorySchema.optional(),
    severity: CaseSeveritySchema.optional(),
  })
  .refine((data) => data.category !== undefined || data.severity !== undefined, {
    error: 'must change at least one of category or severity',
  });

export const CaseVoidedDataSchema = z.strictObject({
  caseId: IdentifierSchema,
  reason: textSchema(1000),
});

export type CaseOpenedData = z.infer<typeof CaseOpenedDataSchema>;
export type CaseClearedData = z.infer<typeof CaseClearedDataSchema>;
export type ArrestMadeData = z.infer<typeof ArrestMadeDataSchema>;
export type CaseProsecutedData = z.infer<typeof CaseProsecutedDataSchema>;
export type CaseReclassifiedData = z.infer<typeof CaseReclassifiedDataSchema>;
export type CaseVoidedData = z.infer<typeof CaseVoidedDataSchema>;
