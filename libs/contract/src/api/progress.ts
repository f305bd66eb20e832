import { z } from 'zod';
import { TargetFilterSchema } from '../events/directives';
import { IdentifierSchema } from '../identifier';
import { MetricNameSchema, METRICS } from '../metrics';
import { ComparatorSchema } from '../vocabulary';
import { CountSchema, DateSchema, TimestampSchema } from './answers';
import { AsOfSchema, AtSchema, UnitIdParameterSchema } from './parameters';

/** GET /v1/directives/{directiveId}/progress (CONTRACT.md §4 and §5). */

export const ProgressQuerySchema = z.strictObject({
  unitId: UnitIdParameterSchema.optional().meta({
    description: 'evaluate every target for this unit’s subtree instead of the target’s own unit',
  }),
  asOf: AsOfSchema.optional(),
  at: AtSchema.optional(),
});

export const TARGET_STATUSES = ['achieved', 'on_track', 'at_risk', 'missed'] as const;

/** How many leaf units of the subtree (as the tree stood at the period's end) have a reading in the period, of how many. */
export const CoverageSchema = z.strictObject({ reporting: CountSchema, units: CountSchema });

const isIndicator = (metric: string) => METRICS[metric as keyof typeof METRICS]?.kind === 'latest';

export const TargetProgressSchema = z
  .strictObject({
    targetId: IdentifierSchema,
    unitId: IdentifierSchema,
    metric: MetricNameSchema,
    filter: TargetFilterSchema.nullable(),
    comparator: ComparatorSchema,
    value: z.number(),
    periodStart: DateSchema,
    periodEnd: DateSchema,
    actual: z.number().nullable().meta({ description: 'null when the figure has no value yet (a rate of nothing)' }),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    attainmentPct: z.number().nullable().meta({ description: '100 × actual / value, rounded half away from zero to 2 decimals' }),
    status: z.enum(TARGET_STATUSES),
    coverage: CoverageSchema.optional().meta({ description: 'on indicator targets only' }),
  })
  .superRefine((target, ctx) => {
    if (isIndicator(target.metric) !== (target.coverage !== undefined)) {
      const message = isIndicator(target.metric) ? 'is required on an indicator target' : 'is only for indicator targets';
      ctx.addIssue({ code: 'custom', path: ['coverage'], message });
    }
  });

export const ProgressAnswerSchema = z.strictObject({
  directiveId: IdentifierSchema,
  code: z.string().min(1),
  asOf: TimestampSchema,
  targets: z.array(TargetProgressSchema),
});

export type TargetStatus = (typeof TARGET_STATUSES)[number];
export type TargetProgressAnswer = z.infer<typeof TargetProgressSchema>;
export type ProgressAnswer = z.infer<typeof ProgressAnswerSchema>;

export const EXAMPLE_PROGRESS: ProgressAnswer = {
  directiveId: 'SC-138-2024',
  code: 'SC-138/2024',
  asOf: '2024-06-30T16:59:59.999Z',
  targets: [
    {
      targetId: 'eid-level2',
      unitId: 'VN-LCI',
      metric: 'indicator.ratio',
      filter: { indicator: 'eid.level2.issued' },
      comparator: 'atLeast',
      value: 90,
      periodStart: '2024-01-01',
      periodEnd: '2024-06-30',
      actual: 78.82,
      numerator: 13400,
      denominator: 17000,
      attainmentPct: 87.58,
      status: 'missed',
      coverage: { reporting: 2, units: 3 },
    },
    {
      targetId: 'serious-cleared',
      unitId: 'VN-LCI',
      metric: 'cases.clearanceRate',
      filter: { severity: ['very_serious', 'especially_serious'] },
      comparator: 'atLeast',
      value: 95,
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      actual: 96.88,
      numerator: 31,
      denominator: 32,
      attainmentPct: 101.97,
      status: 'achieved',
    },
    {
      targetId: 'social-order-down',
      unitId: 'VN-LCI',
      metric: 'cases.changePct',
      filter: { category: 'social_order' },
      comparator: 'atMost',
      value: -7.1,
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      actual: -32.1,
      numerator: 1358,
      denominator: 2000,
      attainmentPct: 452.11,
      status: 'achieved',
    },
  ],
};
