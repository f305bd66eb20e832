import { z } from 'zod';
import { CalendarDateSchema } from '../dates';
import { IdentifierSchema } from '../identifier';
import { FILTER_KEYS, METRICS, MetricNameSchema, type FilterKey } from '../metrics';
import { textSchema } from '../text';
import { CaseCategorySchema, CaseSeveritySchema, ComparatorSchema, HotspotKindSchema, IncidentKindSchema } from '../vocabulary';

export const DirectiveIssuedDataSchema = z.strictObject({
  directiveId: IdentifierSchema,
  code: textSchema(64),
  title: textSchema(1000),
  issuedByUnitId: IdentifierSchema,
});

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

export const TargetSetDataSchema = z
  .strictObject({
    directiveId: IdentifierSchema,
    targetId: IdentifierSchema,
    unitId: IdentifierSchema,
    metric: MetricNameSchema,
    filter: TargetFilterSchema.optional(),
    comparator: ComparatorSchema,
    value: z.number(),
    periodStart: CalendarDateSchema,
    periodEnd: CalendarDateSchema,
    baselineStart: CalendarDateSchema.optional(),
    baselineEnd: CalendarDateSchema.optional(),
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
      ctx.addIssue({ code: 'custom', path: ['baselineEnd'], message: `must not be before baselineStart ${data.baselineStart}` });
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
  });

export const TargetRevisedDataSchema = z
  .strictObject({
    directiveId: IdentifierSchema,
    targetId: IdentifierSchema,
    value: z.number().optional(),
    periodEnd: CalendarDateSchema.optional(),
  })
  .refine((data) => data.value !== undefined || data.periodEnd !== undefined, {
    error: 'must revise at least one of value or periodEnd',
  });

export const TargetWithdrawnDataSchema = z.strictObject({
  directiveId: IdentifierSchema,
  targetId: IdentifierSchema,
  reason: textSchema(1000),
});

export type DirectiveIssuedData = z.infer<typeof DirectiveIssuedDataSchema>;
export type TargetFilter = z.infer<typeof TargetFilterSchema>;
export type TargetSetData = z.infer<typeof TargetSetDataSchema>;
export type TargetRevisedData = z.infer<typeof TargetRevisedDataSchema>;
export type TargetWithdrawnData = z.infer<typeof TargetWithdrawnDataSchema>;
