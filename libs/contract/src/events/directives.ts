import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { FILTER_KEYS, METRICS, MetricNameSchema, type FilterKey } from '../metrics';
import { DOOR_RULES, type ValueRules } from '../value-rules';
import { CaseCategorySchema, CaseSeveritySchema, ComparatorSchema, HotspotKindSchema, IncidentKindSchema } from '../vocabulary';

export const TargetFilterSchema = z.strictObject({
  category: CaseCategorySchema.optional(),
  severity: z
    .array(CaseSeveritySchema)
    .min(1, { error: 'must list at least one severity' })
    .refine((severities) => new Set(severities).size === severities.length, {
      error: 'must not repeat a severity',
    })
    .optional(),
  hotspotKind: HotspotKindSchema.optional(),
  indicator: IdentifierSchema.optional(),
  kind: IncidentKindSchema.optional(),
} satisfies Record<FilterKey, z.ZodType>);

/** The data of each directive event; `rules` gives the value bounds (the door's or 1.0's). */
export function directiveDataSchemas(rules: ValueRules) {
  return {
    DirectiveIssued: z.strictObject({
      directiveId: IdentifierSchema,
      code: rules.text(64),
      title: rules.text(1000),
      issuedByUnitId: IdentifierSchema,
    }),
    TargetSet: z
      .strictObject({
        directiveId: IdentifierSchema,
        targetId: IdentifierSchema,
        unitId: IdentifierSchema,
        metric: MetricNameSchema,
        filter: TargetFilterSchema.optional(),
        comparator: ComparatorSchema,
        value: rules.targetValue(),
        periodStart: rules.targetDate(),
        periodEnd: rules.targetDate(),
        baselineStart: rules.targetDate().optional(),
        baselineEnd: rules.targetDate().optional(),
      })
      .superRefine((data, ctx) => {
        const metric = METRICS[data.metric];
        if (data.periodEnd < data.periodStart) {
          ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: `must not be before periodStart ${data.periodStart}` });
        }
        for (const key of ['baselineStart', 'baselineEnd'] as const) {
          const other = key === 'baselineStart' ? 'baselineEnd' : 'baselineStart';
          if (data[key] === undefined && (metric.needsBaseline || data[other] !== undefined)) {
            const why = metric.needsBaseline ? `for metric ${data.metric}` : `with ${other}`;
            ctx.addIssue({ code: 'custom', path: [key], message: `is required ${why}` });
          }
        }
        if (data.baselineStart !== undefined && data.baselineEnd !== undefined && data.baselineEnd < data.baselineStart) {
          ctx.addIssue({
            code: 'custom',
            path: ['baselineEnd'],
            message: `must not be before baselineStart ${data.baselineStart}`,
          });
        }
        const allowed: readonly FilterKey[] = metric.allowedFilters;
        for (const key of FILTER_KEYS) {
          if (data.filter?.[key] !== undefined && !allowed.includes(key)) {
            const allowedText = allowed.length === 0 ? 'none' : allowed.join(', ');
            ctx.addIssue({
              code: 'custom',
              path: ['filter', key],
              message: `does not apply to metric ${data.metric} (filters it takes: ${allowedText})`,
            });
          }
        }
        for (const key of metric.requiredFilters) {
          if (data.filter?.[key] === undefined) {
            ctx.addIssue({ code: 'custom', path: ['filter', key], message: `is required for metric ${data.metric}` });
          }
        }
      }),
    TargetRevised: z
      .strictObject({
        directiveId: IdentifierSchema,
        targetId: IdentifierSchema,
        value: rules.targetValue().optional(),
        periodEnd: rules.targetDate().optional(),
      })
      .refine((data) => data.value !== undefined || data.periodEnd !== undefined, {
        error: 'must revise at least one of value or periodEnd',
      }),
    TargetWithdrawn: z.strictObject({
      directiveId: IdentifierSchema,
      targetId: IdentifierSchema,
      reason: rules.text(1000),
    }),
  };
}

const door = directiveDataSchemas(DOOR_RULES);
export const DirectiveIssuedDataSchema = door.DirectiveIssued;
export const TargetSetDataSchema = door.TargetSet;
export const TargetRevisedDataSchema = door.TargetRevised;
export const TargetWithdrawnDataSchema = door.TargetWithdrawn;

export type DirectiveIssuedData = z.infer<typeof DirectiveIssuedDataSchema>;
export type TargetFilter = z.infer<typeof TargetFilterSchema>;
export type TargetSetData = z.infer<typeof TargetSetDataSchema>;
export type TargetRevisedData = z.infer<typeof TargetRevisedDataSchema>;
export type TargetWithdrawnData = z.infer<typeof TargetWithdrawnDataSchema>;
