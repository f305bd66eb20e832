import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { DOOR_RULES, type ValueRules } from '../value-rules';
import { CaseCategorySchema, CaseSeveritySchema } from '../vocabulary';

export function caseDataSchemas(rules: ValueRules) {
  return {
    CaseOpened: z.strictObject({
      caseId: IdentifierSchema,
      unitId: IdentifierSchema,
      category: CaseCategorySchema,
      severity: CaseSeveritySchema,
    }),
    CaseCleared: z.strictObject({ caseId: IdentifierSchema }),
    ArrestMade: z.strictObject({
      caseId: IdentifierSchema,
      arrestId: IdentifierSchema,
      persons: rules.count(),
    }),
    CaseProsecuted: z.strictObject({
      caseId: IdentifierSchema,
      defendants: rules.count(),
    }),
    CaseReclassified: z
      .strictObject({
        caseId: IdentifierSchema,
        category: CaseCategorySchema.optional(),
        severity: CaseSeveritySchema.optional(),
      })
      .refine((data) => data.category !== undefined || data.severity !== undefined, {
        error: 'must change at least one of category or severity',
      }),
    CaseVoided: z.strictObject({
      caseId: IdentifierSchema,
      reason: rules.text(1000),
    }),
  };
}

const door = caseDataSchemas(DOOR_RULES);
export const CaseOpenedDataSchema = door.CaseOpened;
export const CaseClearedDataSchema = door.CaseCleared;
export const ArrestMadeDataSchema = door.ArrestMade;
export const CaseProsecutedDataSchema = door.CaseProsecuted;
export const CaseReclassifiedDataSchema = door.CaseReclassified;
export const CaseVoidedDataSchema = door.CaseVoided;

export type CaseOpenedData = z.infer<typeof CaseOpenedDataSchema>;
export type CaseClearedData = z.infer<typeof CaseClearedDataSchema>;
export type ArrestMadeData = z.infer<typeof ArrestMadeDataSchema>;
export type CaseProsecutedData = z.infer<typeof CaseProsecutedDataSchema>;
export type CaseReclassifiedData = z.infer<typeof CaseReclassifiedDataSchema>;
export type CaseVoidedData = z.infer<typeof CaseVoidedDataSchema>;
