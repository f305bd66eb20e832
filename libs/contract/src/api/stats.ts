import { z } from 'zod';
import { IdentifierSchema } from '../identifier';
import { CountSchema, DateSchema, UnitRefSchema } from './answers';
import {
  AsOfSchema,
  BreakdownSchema,
  CategoryParameterSchema,
  QueryDateSchema,
  SeverityListSchema,
  toNotBeforeFrom,
  ALWAYS,
} from './parameters';

/** GET /v1/units/{unitId}/stats (CONTRACT.md §5). */

export const StatsQuerySchema = z
  .strictObject({
    from: QueryDateSchema.meta({ description: 'first date, inclusive' }),
    to: QueryDateSchema.meta({ description: 'last date, inclusive' }),
    category: CategoryParameterSchema.optional(),
    severity: SeverityListSchema.optional(),
    breakdown: BreakdownSchema.optional(),
    asOf: AsOfSchema.optional(),
  })
  .superRefine(toNotBeforeFrom, ALWAYS);

/** The figures of a unit's subtree: cases opened in [from, to] and, of them, cleared and prosecuted by asOf; other events occurring in [from, to]. */
export const StatsFiguresSchema = z.strictObject({
  casesOpened: CountSchema,
  casesCleared: CountSchema,
  casesProsecuted: CountSchema,
  personsArrested: CountSchema,
  defendants: CountSchema,
  weaponsCollected: CountSchema,
  hotspots: z.strictObject({
    identified: CountSchema,
    listed: CountSchema,
    transformed: CountSchema,
    relapsed: CountSchema,
    eliminated: CountSchema,
  }),
  incidents: z.strictObject({ count: CountSchema, deaths: CountSchema, injuries: CountSchema }),
});

export const ChildStatsSchema = UnitRefSchema.extend(StatsFiguresSchema.shape);

export const StatsAnswerSchema = z.strictObject({
  unitId: IdentifierSchema,
  from: DateSchema,
  to: DateSchema,
  ...StatsFiguresSchema.shape,
  children: z.array(ChildStatsSchema).optional().meta({
    description: 'with `breakdown=children`: each child as the tree stands on `to`, its own subtree counted the same way',
  }),
});

export type StatsFigures = z.infer<typeof StatsFiguresSchema>;
export type ChildStats = z.infer<typeof ChildStatsSchema>;
export type StatsAnswer = z.infer<typeof StatsAnswerSchema>;

export const EXAMPLE_STATS: StatsAnswer = {
  unitId: 'VN-LCI',
  from: '2024-01-01',
  to: '2024-06-30',
  casesOpened: 412,
  casesCleared: 377,
  casesProsecuted: 301,
  personsArrested: 529,
  defendants: 468,
  weaponsCollected: 1186,
  hotspots: { identified: 23, listed: 19, transformed: 8, relapsed: 1, eliminated: 5 },
  incidents: { count: 61, deaths: 9, injuries: 48 },
  children: [
    {
      unitId: 'VN-LCI-BXT',
      name: 'Công an huyện Bát Xát',
      level: 'district',
      casesOpened: 97,
      casesCleared: 90,
      casesProsecuted: 71,
      personsArrested: 126,
      defendants: 110,
      weaponsCollected: 240,
      hotspots: { identified: 6, listed: 5, transformed: 2, relapsed: 0, eliminated: 1 },
      incidents: { count: 14, deaths: 2, injuries: 11 },
    },
    {
      unitId: 'VN-LCI-LCC',
      name: 'Công an thành phố Lào Cai',
      level: 'district',
      casesOpened: 315,
      casesCleared: 287,
      casesProsecuted: 230,
      personsArrested: 403,
      defendants: 358,
      weaponsCollected: 946,
      hotspots: { identified: 17, listed: 14, transformed: 6, relapsed: 1, eliminated: 4 },
      incidents: { count: 47, deaths: 7, injuries: 37 },
    },
  ],
};
