import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { DateSchema } from './answers';
import { CompareFigureSchema } from './compare';
import {
  AsOfSchema,
  BasisSchema,
  CategoryParameterSchema,
  type Grain,
  GRAINS,
  GrainSchema,
  QueryDateSchema,
  SeverityListSchema,
} from './parameters';

/** GET /v1/units/{unitId}/series (CONTRACT.md §5). */

export const MAX_SERIES_POINTS = 1_000;

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** How many buckets of `grain` [from, to] touches (ISO weeks start on Monday); pure calendar arithmetic. */
export function bucketCount(from: string, to: string, grain: Grain): number {
  if (grain === 'day') return dayNumber(to) - dayNumber(from) + 1;
  if (grain === 'week') {
    // 1970-01-05 was a Monday: day numbers shifted by 4 fall into ISO weeks.
    const week = (date: string) => Math.floor((dayNumber(date) - 4) / 7);
    return week(to) - week(from) + 1;
  }
  const month = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  return month(to) - month(from) + 1;
}

export const SeriesQuerySchema = z
  .strictObject({
    figure: CompareFigureSchema.meta({ description: 'one of the compare figures' }),
    grain: GrainSchema.default('day'),
    from: QueryDateSchema.meta({ description: 'first date, inclusive' }),
    to: QueryDateSchema.meta({ description: 'last date, inclusive' }),
    category: CategoryParameterSchema.optional(),
    severity: SeverityListSchema.optional(),
    asOf: AsOfSchema.optional(),
    basis: BasisSchema.optional(),
  })
  .superRefine((query, ctx) => {
    if (query.to < query.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from ${query.from}` });
      return;
    }
    const points = bucketCount(query.from, query.to, query.grain);
    if (points > MAX_SERIES_POINTS) {
      ctx.addIssue({
        code: 'too_big',
        origin: 'array',
        maximum: MAX_SERIES_POINTS,
        path: ['to'],
        message: `gives ${points} ${query.grain} buckets from ${query.from}; at most ${MAX_SERIES_POINTS}`,
      });
    }
  });

export const SeriesPointSchema = z.strictObject({
  bucket: DateSchema.meta({
    description: 'the first day of the bucket: the day, the Monday of the ISO week, or the 1st of the month',
  }),
  value: z.number().nullable().meta({ description: 'null only for clearanceRate when no case was opened in the bucket' }),
});

/** Every bucket of [from, to] in order, zeros included. */
export const SeriesAnswerSchema = z.strictObject({
  unitId: IdentifierSchema,
  figure: CompareFigureSchema,
  grain: z.enum(GRAINS),
  points: z.array(SeriesPointSchema).max(MAX_SERIES_POINTS),
});

export type SeriesPoint = z.infer<typeof SeriesPointSchema>;
export type SeriesAnswer = z.infer<typeof SeriesAnswerSchema>;

export const EXAMPLE_SERIES: SeriesAnswer = {
  unitId: 'VN-LCI',
  figure: 'casesOpened',
  grain: 'month',
  points: [
    { bucket: '2024-01-01', value: 71 },
    { bucket: '2024-02-01', value: 58 },
    { bucket: '2024-03-01', value: 76 },
    { bucket: '2024-04-01', value: 69 },
    { bucket: '2024-05-01', value: 94 },
    { bucket: '2024-06-01', value: 44 },
  ],
};
