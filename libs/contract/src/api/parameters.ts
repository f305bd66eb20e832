import { z } from 'zod';
import { isCalendarDate, isInstant } from '../dates';
import { IdentifierSchema } from '../identifier';
import type { Problem } from '../problems';
import { boundedDateSchema } from '../value-rules';
import { CASE_SEVERITIES, CaseCategorySchema, type CaseSeverity, UnitLevelSchema } from '../vocabulary';

/**
 * Query and path parameters of the API (CONTRACT.md §5, "Strict parameters"): each schema takes the
 * text a URL carries and gives the typed value; `parseParameters` turns every problem into one that
 * names its parameter.
 */

export const EARLIEST_QUERY_DATE = '1990-01-01';
export const LATEST_QUERY_DATE = '2100-12-31';

/** A calendar date that exists; like target periods (§2), within 1990–2100, so no query date can fail in the database. */
export const QueryDateSchema = boundedDateSchema(EARLIEST_QUERY_DATE, LATEST_QUERY_DATE).meta({
  description: `a calendar date YYYY-MM-DD that exists, from ${EARLIEST_QUERY_DATE} to ${LATEST_QUERY_DATE}`,
  examples: ['2024-06-30'],
});

const AS_OF_MESSAGE = 'must be a timestamp with an offset (2024-07-05T17:00:00+07:00) or a date (2024-07-05), from 1990 to 2100';

/** Knowledge time: a timestamp with an offset, or a date meaning the end of that day (in `VIGIL_TIMEZONE`). */
export const AsOfSchema = z
  .string()
  .refine(
    (value) => {
      if (!isInstant(value) && !isCalendarDate(value)) return false;
      const year = Number(value.slice(0, 4));
      return year >= 1990 && year <= 2100;
    },
    { error: AS_OF_MESSAGE },
  )
  .meta({
    description:
      'knowledge time: a timestamp with an offset, or a date meaning the end of that day; only what had been recorded by then. Default: now',
    pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2}))?$',
    examples: ['2024-07-05', '2024-07-05T17:00:00+07:00'],
  });

/** Business time: the figures as they stood on that day. */
export const AtSchema = QueryDateSchema.meta({
  description: 'business time: the figures as they stood at the end of that day (events occurring up to it). Default: today',
  examples: ['2024-06-30'],
});

/** `severity=serious,very_serious`: a comma list of case severities, none repeated. */
export const SeverityListSchema = z
  .string()
  .superRefine((value, ctx) => {
    const items = value.split(',');
    const unknown = items.filter((item) => !(CASE_SEVERITIES as readonly string[]).includes(item));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'invalid_value',
        values: [...CASE_SEVERITIES],
        message: `must be a comma list of ${CASE_SEVERITIES.join(', ')}; unknown: ${unknown.map((item) => JSON.stringify(item)).join(', ')}`,
      });
    } else if (new Set(items).size !== items.length) {
      ctx.addIssue({ code: 'custom', message: 'must not repeat a severity' });
    }
  })
  .transform((value) => value.split(',') as CaseSeverity[])
  .meta({
    description: `a comma list of case severities (${CASE_SEVERITIES.join(', ')}), none repeated`,
    pattern: `^(${CASE_SEVERITIES.join('|')})(,(${CASE_SEVERITIES.join('|')}))*$`,
    examples: ['very_serious,especially_serious'],
  });

export const CategoryParameterSchema = CaseCategorySchema.meta({ description: 'a case category' });
export const LevelParameterSchema = UnitLevelSchema.meta({ description: 'a level of the organisation tree' });
export const UnitIdParameterSchema = IdentifierSchema.meta({ description: 'a unit id', examples: ['VN-LCI'] });

export const BASES = ['stood', 'current'] as const;
export const BasisSchema = z.enum(BASES).default('stood').meta({
  description:
    '`stood` (default): each event under the tree as it stood when it occurred; `current`: both windows under the tree as it stands on `at`',
});

export const GRAINS = ['day', 'week', 'month'] as const;
export type Grain = (typeof GRAINS)[number];
export const GrainSchema = z.enum(GRAINS).meta({ description: '`day`, `week` (ISO, from Monday) or `month`' });

export const BreakdownSchema = z.literal('children').meta({
  description: '`children` adds the figures of each child unit (as the tree stands on `to`)',
});

/** Opaque: the `nextCursor` of the previous page. */
export const CursorSchema = z
  .string()
  .max(1024, { error: 'is not a cursor of this list' })
  .regex(/^[\x21-\x7e]+$/, { error: 'is not a cursor of this list' })
  .meta({ description: 'opaque: the `nextCursor` of the previous page' });

const LIMIT_MESSAGE = 'must be a whole number from 1 to 500';
export const LimitSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,2}$/, { error: LIMIT_MESSAGE })
  .transform(Number)
  .pipe(z.int().max(500, { error: LIMIT_MESSAGE }))
  .optional()
  .transform((limit) => limit ?? 100)
  .meta({ description: 'items per page, 1 to 500; default 100' });

/** Why the parameters were refused: an unknown one (`UNKNOWN_PARAMETER`) or malformed ones (`VALIDATION_FAILED`). */
export type ParametersResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: 'UNKNOWN_PARAMETER' | 'VALIDATION_FAILED'; readonly problems: Problem[] };

/**
 * Parses query or path parameters as Express gives them (strings, or arrays when repeated). Every
 * problem's `path` is the parameter's name; an unknown parameter is a problem with code
 * `UNKNOWN_PARAMETER`; an empty value counts as absent.
 */
export function parseParameters<S extends z.ZodObject>(
  schema: S,
  parameters: Record<string, unknown> | undefined,
): ParametersResult<z.output<S>> {
  const known = Object.keys(schema.shape);
  const problems: Problem[] = [];
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters ?? {})) {
    if (!known.includes(name)) {
      const takes = known.length === 0 ? 'none' : known.join(', ');
      problems.push({
        path: name,
        message: `is not a parameter of this endpoint (it takes: ${takes})`,
        code: 'UNKNOWN_PARAMETER',
      });
    } else if (typeof value !== 'string') {
      problems.push({ path: name, message: 'must be given once, as text', code: 'invalid_type' });
    } else if (value !== '') {
      values[name] = value;
    }
  }
  const result = schema.safeParse(values);
  for (const issue of result.error?.issues ?? []) {
    const path = issue.path.map(String).join('.');
    if (problems.some((problem) => problem.path === path)) continue;
    const missing = issue.code === 'invalid_type' && values[path] === undefined;
    problems.push({ path, message: missing ? 'is required' : issue.message, code: issue.code });
  }
  if (problems.length === 0) return { ok: true, value: result.data as z.output<S> };
  const unknown = problems.some((problem) => problem.code === 'UNKNOWN_PARAMETER');
  return { ok: false, code: unknown ? 'UNKNOWN_PARAMETER' : 'VALIDATION_FAILED', problems };
}

/** Runs a refinement even when other parameters have problems, so that every problem is named at once. */
export const ALWAYS = { when: () => true } as const;

/** `to` not before `from`, for the schemas that take both (checked beside their other problems: `ALWAYS`). */
export function toNotBeforeFrom(value: { from?: unknown; to?: unknown }, ctx: z.RefinementCtx): void {
  const { from, to } = value;
  if (typeof from === 'string' && typeof to === 'string' && isCalendarDate(from) && isCalendarDate(to) && to < from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from ${value.from}` });
  }
}
