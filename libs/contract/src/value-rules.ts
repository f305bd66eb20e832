import { z } from 'zod';
import { CalendarDateSchema, InstantSchema, isCalendarDate } from './dates';
import { OccurredAtSchema } from './occurred-at';
import { FreeTextSchema, storedTextSchema } from './text';

/**
 * The value schemas an event's fields are built from. Two sets: the bounds of 1.1 enforced at the
 * door (`DOOR_RULES`), and what 1.0 accepted (`STORED_RULES`), which the decoder of stored events
 * keeps so that an event stored before the bounds never becomes undecodable.
 */
export interface ValueRules {
  /** Names, titles, codes and reasons; `storedMaxLength` is the limit 1.0 had for that field. */
  readonly text: (storedMaxLength: number) => z.ZodType<string, string>;
  readonly metadataText: () => z.ZodType<string, string>;
  /** `persons`, `defendants`, `items`. */
  readonly count: () => z.ZodType<number, number>;
  /** `deaths`, `injuries`. */
  readonly casualties: () => z.ZodType<number, number>;
  /** An indicator reading's `value`. */
  readonly reading: () => z.ZodType<number, number>;
  readonly denominator: () => z.ZodType<number, number>;
  /** A target's `value`: negative for a reduction (`-5.92` on a `changePct` metric). */
  readonly targetValue: () => z.ZodType<number, number>;
  /** Target periods and baselines. */
  readonly targetDate: () => z.ZodType<string, string>;
  readonly occurredAt: () => z.ZodType<string, string>;
}

export const MAX_COUNT = 1_000_000;
export const MAX_CASUALTIES = 100_000;
export const MAX_MEASURE = 1e15;
export const EARLIEST_TARGET_DATE = '1990-01-01';
export const LATEST_TARGET_DATE = '2100-12-31';

const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
};

/** A calendar date that exists and lies in [earliest, latest] (YYYY-MM-DD compares as text). */
export function boundedDateSchema(earliest: string, latest: string) {
  const message = `must be a date from ${earliest} to ${latest}`;
  return CalendarDateSchema.superRefine((date, ctx) => {
    if (!isCalendarDate(date)) return;
    if (date < earliest) ctx.addIssue({ code: 'too_small', origin: 'date', minimum: Date.parse(earliest), message });
    if (date > latest) ctx.addIssue({ code: 'too_big', origin: 'date', maximum: Date.parse(latest), message });
  }).meta({ description: `a calendar date YYYY-MM-DD from ${earliest} to ${latest}` });
}

const TargetDateSchema = boundedDateSchema(EARLIEST_TARGET_DATE, LATEST_TARGET_DATE);

/** CONTRACT.md §2, version 1.1: anything outside is a 400 at the door. */
export const DOOR_RULES: ValueRules = {
  text: () => FreeTextSchema,
  metadataText: () => FreeTextSchema,
  count: () => wholeNumber(1, MAX_COUNT),
  casualties: () => wholeNumber(0, MAX_CASUALTIES),
  reading: () =>
    z
      .number({ error: 'must be a finite number' })
      .min(0, { error: `must be from 0 to ${MAX_MEASURE.toExponential()}` })
      .max(MAX_MEASURE, { error: `must be from 0 to ${MAX_MEASURE.toExponential()}` }),
  denominator: () =>
    z
      .number({ error: 'must be a finite number' })
      .positive({ error: `must be above 0 and at most ${MAX_MEASURE.toExponential()}` })
      .max(MAX_MEASURE, { error: `must be above 0 and at most ${MAX_MEASURE.toExponential()}` }),
  targetValue: () =>
    z
      .number({ error: 'must be a finite number' })
      .min(-MAX_MEASURE, { error: `must be from -${MAX_MEASURE.toExponential()} to ${MAX_MEASURE.toExponential()}` })
      .max(MAX_MEASURE, { error: `must be from -${MAX_MEASURE.toExponential()} to ${MAX_MEASURE.toExponential()}` }),
  targetDate: () => TargetDateSchema,
  occurredAt: () => OccurredAtSchema,
};

/** CONTRACT.md §2 as version 1.0 had it: what an event stored before 1.1 may hold. */
export const STORED_RULES: ValueRules = {
  text: (storedMaxLength) => storedTextSchema(storedMaxLength),
  metadataText: () => z.string().max(128),
  count: () => z.int().min(1),
  casualties: () => z.int().min(0),
  reading: () => z.number().min(0),
  denominator: () => z.number().positive(),
  targetValue: () => z.number(),
  targetDate: () => CalendarDateSchema,
  occurredAt: () => InstantSchema,
};
