import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { DateSchema, NameSchema, TimestampSchema } from './answers';
import { AsOfSchema, AtSchema, BasisSchema, BASES, CategoryParameterSchema, SeverityListSchema } from './parameters';

/** GET /v1/units/{unitId}/compare: the CompStat view (CONTRACT.md §5, "Analyst views"). */

export const COMPARE_FIGURES = [
  'casesOpened',
  'casesCleared',
  'clearanceRate',
  'casesProsecuted',
  'personsArrested',
  'weaponsCollected',
  'incidents',
  'deaths',
  'injuries',
  'hotspotsTransformed',
] as const;
export type CompareFigure = (typeof COMPARE_FIGURES)[number];
export const CompareFigureSchema = z.enum(COMPARE_FIGURES);

/** `week` (Monday to `at`), `28d` (the 28 days ending `at`), `month` (month to date), `ytd` (year to date). */
export const COMPARE_WINDOWS = ['week', '28d', 'month', 'ytd'] as const;
export type CompareWindow = (typeof COMPARE_WINDOWS)[number];

export const CompareQuerySchema = z.strictObject({
  at: AtSchema.optional(),
  category: CategoryParameterSchema.optional(),
  severity: SeverityListSchema.optional(),
  asOf: AsOfSchema.optional(),
  basis: BasisSchema.optional(),
});

const RangeSchema = z.strictObject({ from: DateSchema, to: DateSchema });
const WindowSchema = z.strictObject({
  current: RangeSchema,
  previous: RangeSchema.meta({ description: 'the same calendar dates one year earlier (29 February maps to 28 February)' }),
});

/**
 * One figure over one window against the year before. `change` = current − previous (points for
 * `clearanceRate`); `changePct` = 100 × change / previous, null when previous is 0 and for the rate;
 * `z` = 2 × (√current − √previous), null for the rate; `flag` = `up` when z ≥ 3, `down` when z ≤ −3.
 */
export const CompareCellSchema = z
  .strictObject({
    current: z.number().nullable().meta({ description: 'null only for clearanceRate when no case was opened in the window' }),
    previous: z.number().nullable(),
    change: z.number().nullable(),
    changePct: z.number().nullable(),
    z: z.number().nullable(),
    flag: z.enum(['up', 'down']).nullable(),
  })
  .superRefine((cell, ctx) => {
    const expected = cell.z === null ? null : cell.z >= 3 ? 'up' : cell.z <= -3 ? 'down' : null;
    if (cell.flag !== expected) ctx.addIssue({ code: 'custom', path: ['flag'], message: `must be ${expected} for z ${cell.z}` });
  });

export const CompareRowSchema = z
  .strictObject({
    figure: CompareFigureSchema,
    week: CompareCellSchema,
    '28d': CompareCellSchema,
    month: CompareCellSchema,
    ytd: CompareCellSchema,
  })
  .superRefine((row, ctx) => {
    for (const window of COMPARE_WINDOWS) {
      const cell = row[window];
      if (row.figure === 'clearanceRate') {
        if (cell.changePct !== null || cell.z !== null) {
          ctx.addIssue({ code: 'custom', path: [window], message: 'changePct and z are null for clearanceRate' });
        }
      } else if (cell.current === null || cell.previous === null || cell.change === null || cell.z === null) {
        ctx.addIssue({
          code: 'custom',
          path: [window],
          message: `current, previous, change and z are numbers for ${row.figure}`,
        });
      }
    }
  });

export const CompareAnswerSchema = z
  .strictObject({
    unitId: IdentifierSchema,
    name: NameSchema,
    at: DateSchema,
    asOf: TimestampSchema,
    basis: z.enum(BASES),
    windows: z.strictObject({ week: WindowSchema, '28d': WindowSchema, month: WindowSchema, ytd: WindowSchema }),
    rows: z.array(CompareRowSchema).length(COMPARE_FIGURES.length).meta({ description: 'one per figure, in this order' }),
  })
  .superRefine((answer, ctx) => {
    answer.rows.forEach((row, index) => {
      if (row.figure !== COMPARE_FIGURES[index]) {
        ctx.addIssue({ code: 'custom', path: ['rows', index, 'figure'], message: `must be ${COMPARE_FIGURES[index]}` });
      }
    });
  });

export type CompareCell = z.infer<typeof CompareCellSchema>;
export type CompareRow = z.infer<typeof CompareRowSchema>;
export type CompareAnswer = z.infer<typeof CompareAnswerSchema>;

/** Lào Cai province on 30 June 2024, as a report dated 5 July said. */
export const EXAMPLE_COMPARE: CompareAnswer = {
  unitId: 'VN-LCI',
  name: 'Công an tỉnh Lào Cai',
  at: '2024-06-30',
  asOf: '2024-07-05T10:00:00.000Z',
  basis: 'stood',
  windows: {
    week: { current: { from: '2024-06-24', to: '2024-06-30' }, previous: { from: '2023-06-24', to: '2023-06-30' } },
    '28d': { current: { from: '2024-06-03', to: '2024-06-30' }, previous: { from: '2023-06-03', to: '2023-06-30' } },
    month: { current: { from: '2024-06-01', to: '2024-06-30' }, previous: { from: '2023-06-01', to: '2023-06-30' } },
    ytd: { current: { from: '2024-01-01', to: '2024-06-30' }, previous: { from: '2023-01-01', to: '2023-06-30' } },
  },
  rows: [
    {
      figure: 'casesOpened',
      week: { current: 9, previous: 14, change: -5, changePct: -35.71, z: -1.48, flag: null },
      '28d': { current: 41, previous: 52, change: -11, changePct: -21.15, z: -1.62, flag: null },
      month: { current: 44, previous: 57, change: -13, changePct: -22.81, z: -1.83, flag: null },
      ytd: { current: 412, previous: 489, change: -77, changePct: -15.75, z: -3.63, flag: 'down' },
    },
    {
      figure: 'casesCleared',
      week: { current: 7, previous: 12, change: -5, changePct: -41.67, z: -1.64, flag: null },
      '28d': { current: 36, previous: 45, change: -9, changePct: -20, z: -1.42, flag: null },
      month: { current: 39, previous: 49, change: -10, changePct: -20.41, z: -1.51, flag: null },
      ytd: { current: 377, previous: 431, change: -54, changePct: -12.53, z: -2.69, flag: null },
    },
    {
      figure: 'clearanceRate',
      week: { current: 77.78, previous: 85.71, change: -7.93, changePct: null, z: null, flag: null },
      '28d': { current: 87.8, previous: 86.54, change: 1.26, changePct: null, z: null, flag: null },
      month: { current: 88.64, previous: 85.96, change: 2.68, changePct: null, z: null, flag: null },
      ytd: { current: 91.5, previous: 88.14, change: 3.36, changePct: null, z: null, flag: null },
    },
    {
      figure: 'casesProsecuted',
      week: { current: 5, previous: 9, change: -4, changePct: -44.44, z: -1.53, flag: null },
      '28d': { current: 28, previous: 37, change: -9, changePct: -24.32, z: -1.58, flag: null },
      month: { current: 30, previous: 40, change: -10, changePct: -25, z: -1.69, flag: null },
      ytd: { current: 301, previous: 342, change: -41, changePct: -11.99, z: -2.29, flag: null },
    },
    {
      figure: 'personsArrested',
      week: { current: 11, previous: 13, change: -2, changePct: -15.38, z: -0.58, flag: null },
      '28d': { current: 52, previous: 71, change: -19, changePct: -26.76, z: -2.43, flag: null },
      month: { current: 55, previous: 75, change: -20, changePct: -26.67, z: -2.49, flag: null },
      ytd: { current: 529, previous: 604, change: -75, changePct: -12.42, z: -3.15, flag: 'down' },
    },
    {
      figure: 'weaponsCollected',
      week: { current: 3, previous: 41, change: -38, changePct: -92.68, z: -9.34, flag: 'down' },
      '28d': { current: 64, previous: 212, change: -148, changePct: -69.81, z: -13.12, flag: 'down' },
      month: { current: 64, previous: 215, change: -151, changePct: -70.23, z: -13.33, flag: 'down' },
      ytd: { current: 1186, previous: 902, change: 284, changePct: 31.49, z: 8.81, flag: 'up' },
    },
    {
      figure: 'incidents',
      week: { current: 2, previous: 3, change: -1, changePct: -33.33, z: -0.64, flag: null },
      '28d': { current: 9, previous: 11, change: -2, changePct: -18.18, z: -0.63, flag: null },
      month: { current: 10, previous: 12, change: -2, changePct: -16.67, z: -0.6, flag: null },
      ytd: { current: 61, previous: 70, change: -9, changePct: -12.86, z: -1.11, flag: null },
    },
    {
      figure: 'deaths',
      week: { current: 0, previous: 1, change: -1, changePct: -100, z: -2, flag: null },
      '28d': { current: 1, previous: 2, change: -1, changePct: -50, z: -0.83, flag: null },
      month: { current: 1, previous: 2, change: -1, changePct: -50, z: -0.83, flag: null },
      ytd: { current: 9, previous: 13, change: -4, changePct: -30.77, z: -1.21, flag: null },
    },
    {
      figure: 'injuries',
      week: { current: 2, previous: 2, change: 0, changePct: 0, z: 0, flag: null },
      '28d': { current: 8, previous: 10, change: -2, changePct: -20, z: -0.67, flag: null },
      month: { current: 9, previous: 11, change: -2, changePct: -18.18, z: -0.63, flag: null },
      ytd: { current: 48, previous: 55, change: -7, changePct: -12.73, z: -0.98, flag: null },
    },
    {
      figure: 'hotspotsTransformed',
      week: { current: 0, previous: 0, change: 0, changePct: null, z: 0, flag: null },
      '28d': { current: 1, previous: 0, change: 1, changePct: null, z: 2, flag: null },
      month: { current: 1, previous: 0, change: 1, changePct: null, z: 2, flag: null },
      ytd: { current: 8, previous: 3, change: 5, changePct: 166.67, z: 2.19, flag: null },
    },
  ],
};
