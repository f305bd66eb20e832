import { type ProblemItem, problems } from '@vigil/platform';
import { z } from 'zod';

/** Parses query parameters; each problem names its parameter as `path` (CONTRACT.md §5: 400 problem details). */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  throw problems.validation(
    result.error.issues.flatMap((issue): ProblemItem[] =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: key, message: `unknown parameter "${key}"`, code: issue.code }))
        : [{ path: issue.path.map(String).join('.'), message: issue.message, code: issue.code }],
    ),
    'The query parameters are not valid.',
  );
}

export const pageParams = {
  cursor: z.string().min(1).max(1024).optional(),
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 500' })
    .int('must be a whole number from 1 to 500')
    .min(1, 'must be a whole number from 1 to 500')
    .max(500, 'must be a whole number from 1 to 500')
    .default(100),
};
