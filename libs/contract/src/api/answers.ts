import { z } from 'zod';
import { CalendarDateSchema, InstantSchema } from '../dates';
import { IdentifierSchema } from '../identifier';
import { UnitLevelSchema } from '../vocabulary';

/** Pieces every answer is built from (CONTRACT.md §5). Answers are strict: a field the contract does not name is an error. */

export const CountSchema = z.int().min(0);
export const DateSchema = CalendarDateSchema;
/** ISO-8601 with an offset; Vigil answers in UTC (`…Z`). */
export const TimestampSchema = InstantSchema;
export const NameSchema = z.string().min(1).meta({ description: 'as registered (free text, Vietnamese diacritics included)' });

/** A unit as answers name it. */
export const UnitRefSchema = z.strictObject({
  unitId: IdentifierSchema,
  name: NameSchema,
  level: UnitLevelSchema,
});
export type UnitRef = z.infer<typeof UnitRefSchema>;

/** `nextCursor` is null on the last page. */
export const NextCursorSchema = z
  .string()
  .min(1)
  .nullable()
  .meta({ description: 'the `cursor` of the next page; null on the last' });
