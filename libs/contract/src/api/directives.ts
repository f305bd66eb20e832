import { z } from 'zod';
import { TargetFilterSchema } from '../events/directives';
import { IdentifierSchema } from '../identifier';
import { MetricNameSchema } from '../metrics';
import { ComparatorSchema } from '../vocabulary';
import { DateSchema, NameSchema, TimestampSchema } from './answers';
import { AsOfSchema } from './parameters';

/** GET /v1/directives and GET /v1/directives/{directiveId} (CONTRACT.md §5). */

export const DirectivePathSchema = z.strictObject({
  directiveId: IdentifierSchema.meta({ description: 'a directive id', examples: ['SC-138-2024'] }),
});

export const DirectiveListQuerySchema = z.strictObject({});
export const DirectiveDetailQuerySchema = z.strictObject({ asOf: AsOfSchema.optional() });

/** A target's terms as they stand (as revised); `filter` and the baseline are null when it has none. */
export const TargetTermsSchema = z.strictObject({
  directiveId: IdentifierSchema,
  targetId: IdentifierSchema,
  unitId: IdentifierSchema,
  metric: MetricNameSchema,
  filter: TargetFilterSchema.nullable(),
  comparator: ComparatorSchema,
  value: z.number(),
  periodStart: DateSchema,
  periodEnd: DateSchema,
  baselineStart: DateSchema.nullable(),
  baselineEnd: DateSchema.nullable(),
});

const DirectiveFields = {
  directiveId: IdentifierSchema,
  code: NameSchema.meta({ examples: ['SC-138/2024'] }),
  title: NameSchema,
  issuedByUnitId: IdentifierSchema,
};

/** Directives an analyst may see, each with its current targets (withdrawn ones left out). */
export const DirectiveListAnswerSchema = z.strictObject({
  directives: z.array(z.strictObject({ ...DirectiveFields, targets: z.array(TargetTermsSchema) })),
});

export const TARGET_CHANGES = ['set', 'revised', 'withdrawn'] as const;

/** One change of a target, as recorded: its value and end after the change; `reason` only when withdrawn. */
export const TargetChangeSchema = z.strictObject({
  recordedAt: TimestampSchema,
  change: z.enum(TARGET_CHANGES),
  value: z.number().nullable(),
  periodEnd: DateSchema.nullable(),
  reason: z.string().min(1).nullable(),
});

export const TargetHistorySchema = TargetTermsSchema.extend({
  withdrawn: z
    .strictObject({
      at: TimestampSchema.meta({ description: 'when the withdrawal was recorded (its entry in `history`)' }),
      reason: z.string().min(1),
    })
    .nullable()
    .meta({ description: 'null while the target stands' }),
  history: z.array(TargetChangeSchema).min(1).meta({ description: 'oldest first' }),
});

/** The directive and every target as known at `asOf`, withdrawn ones too. */
export const DirectiveDetailAnswerSchema = z.strictObject({
  ...DirectiveFields,
  asOf: TimestampSchema,
  targets: z.array(TargetHistorySchema),
});

export type TargetTerms = z.infer<typeof TargetTermsSchema>;
export type DirectiveListAnswer = z.infer<typeof DirectiveListAnswerSchema>;
export type TargetChange = z.infer<typeof TargetChangeSchema>;
export type TargetHistory = z.infer<typeof TargetHistorySchema>;
export type DirectiveDetailAnswer = z.infer<typeof DirectiveDetailAnswerSchema>;

const SOCIAL_ORDER_DOWN: TargetTerms = {
  directiveId: 'SC-138-2024',
  targetId: 'social-order-down',
  unitId: 'VN-LCI',
  metric: 'cases.changePct',
  filter: { category: 'social_order' },
  comparator: 'atMost',
  value: -7.1,
  periodStart: '2024-01-01',
  periodEnd: '2024-12-31',
  baselineStart: '2023-01-01',
  baselineEnd: '2023-12-31',
};

const CLEARANCE: TargetTerms = {
  directiveId: 'SC-138-2024',
  targetId: 'serious-cleared',
  unitId: 'VN-LCI',
  metric: 'cases.clearanceRate',
  filter: { severity: ['very_serious', 'especially_serious'] },
  comparator: 'atLeast',
  value: 95,
  periodStart: '2024-01-01',
  periodEnd: '2024-12-31',
  baselineStart: null,
  baselineEnd: null,
};

const EID: TargetTerms = {
  directiveId: 'SC-138-2024',
  targetId: 'eid-level2',
  unitId: 'VN-LCI',
  metric: 'indicator.ratio',
  filter: { indicator: 'eid.level2.issued' },
  comparator: 'atLeast',
  value: 90,
  periodStart: '2024-01-01',
  periodEnd: '2024-06-30',
  baselineStart: null,
  baselineEnd: null,
};

const ISSUED = {
  directiveId: 'SC-138-2024',
  code: 'SC-138/2024',
  title: 'Steering Committee 138 plan for crime prevention, 2024',
  issuedByUnitId: 'VN-LCI',
};

export const EXAMPLE_DIRECTIVE_LIST: DirectiveListAnswer = {
  directives: [
    {
      directiveId: 'DIR-11-2024',
      code: 'DIR-11',
      title: 'Directive 11 on drug crime and drug hotspots, 2024',
      issuedByUnitId: 'VN',
      targets: [
        {
          directiveId: 'DIR-11-2024',
          targetId: 'lci-hotspots',
          unitId: 'VN-LCI',
          metric: 'hotspots.transformed',
          filter: { hotspotKind: 'drug_hotspot' },
          comparator: 'atLeast',
          value: 12,
          periodStart: '2024-01-01',
          periodEnd: '2024-12-31',
          baselineStart: null,
          baselineEnd: null,
        },
      ],
    },
    { ...ISSUED, targets: [EID, CLEARANCE] },
  ],
};

export const EXAMPLE_DIRECTIVE_DETAIL: DirectiveDetailAnswer = {
  ...ISSUED,
  asOf: '2024-09-30T10:00:00.000Z',
  targets: [
    {
      ...EID,
      withdrawn: null,
      history: [{ recordedAt: '2024-01-15T02:05:00.412Z', change: 'set', value: 90, periodEnd: '2024-06-30', reason: null }],
    },
    {
      ...CLEARANCE,
      withdrawn: null,
      history: [{ recordedAt: '2024-01-15T02:05:00.418Z', change: 'set', value: 95, periodEnd: '2024-12-31', reason: null }],
    },
    {
      ...SOCIAL_ORDER_DOWN,
      withdrawn: { at: '2024-09-01T03:00:01.904Z', reason: 'superseded by the revised plan' },
      history: [
        { recordedAt: '2024-01-15T02:05:00.421Z', change: 'set', value: -5.92, periodEnd: '2024-12-31', reason: null },
        { recordedAt: '2024-06-30T03:00:02.118Z', change: 'revised', value: -7.1, periodEnd: '2024-12-31', reason: null },
        {
          recordedAt: '2024-09-01T03:00:01.904Z',
          change: 'withdrawn',
          value: -7.1,
          periodEnd: '2024-12-31',
          reason: 'superseded by the revised plan',
        },
      ],
    },
  ],
};
