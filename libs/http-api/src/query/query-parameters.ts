import { CASE_CATEGORIES, isCalendarDate, isInstant } from '@vigil/contract';
import { type ProblemItem, ProblemError, problems } from '@vigil/platform';
import { z } from 'zod';

/**
 * THE query-parameter parser of every query endpoint: a strict zod object per endpoint. Every
 * problem names its parameter as `path` (CONTRACT.md §5), listed in the order of the schema's
 * parameters; an unknown parameter makes it `400 UNKNOWN_PARAMETER`, anything else malformed
 * `400 VALIDATION_FAILED`.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, query: unknown): z.infer<S> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const order = Object.keys(schema.shape);
  const rank = (item: ProblemItem) => order.indexOf(item.path.split('.')[0]!);
  const items = result.error.issues
    .flatMap((issue): ProblemItem[] =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: key, message: `unknown parameter "${key}"`, code: issue.code }))
        : [{ path: issue.path.map(String).join('.'), message: issue.message, code: issue.code }],
    )
    .sort((a, b) => rank(a) - rank(b));
  const detail = 'The query parameters are not valid.';
  if (items.some((item) => item.code === 'unrecognized_keys'))
    throw new ProblemError(400, 'UNKNOWN_PARAMETER', 'Unknown parameter', detail, items);
  throw problems.validation(items, detail);
}

/** `?name=` counts as not given. */
const blankAsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const ONCE = 'must be given once';

/** Keyset pagination of the registers. */
export const pageParams = {
  cursor: z.string().min(1).max(1024).optional(),
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 500' })
    .int('must be a whole number from 1 to 500')
    .min(1, 'must be a whole number from 1 to 500')
    .max(500, 'must be a whole number from 1 to 500')
    .default(100),
};

/** Any text, given at most once. */
export const optionalText = blankAsAbsent(z.string({ error: ONCE }).optional());

/** A calendar date YYYY-MM-DD that exists, required. */
export const requiredDate = blankAsAbsent(
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required: a calendar date YYYY-MM-DD' : ONCE) })
    .refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD that exists'),
);

/** Knowledge time: a timestamp with an offset, or a date meaning the end of that day (`parseAsOf`). */
export const asOfParam = blankAsAbsent(
  z
    .string({ error: ONCE })
    .refine(
      (value) => isInstant(value) || isCalendarDate(value),
      'must be a timestamp with an offset (2024-03-01T08:00:00+07:00) or a date (2024-03-01)',
    )
    .optional(),
);

export const categoryParam = blankAsAbsent(
  z.enum(CASE_CATEGORIES, { error: `must be one of ${CASE_CATEGORIES.join(', ')}` }).optional(),
);
