import type { z } from 'zod';

/** One thing wrong with a client's input; `path` is a JSON Pointer (RFC 6901) into it, '' for the whole. */
export interface Problem {
  readonly path: string;
  readonly message: string;
  readonly code: string;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: Problem[] };

export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Prefixes each problem's path, e.g. with `/3` for the fourth envelope of a batch. */
export function prefixProblems(prefix: string, problems: readonly Problem[]): Problem[] {
  return problems.map((problem) => ({ ...problem, path: prefix + problem.path }));
}

/** One problem per issue; an unknown-keys issue becomes one problem per key, at the key's own path. */
export function problemsFromZodError(error: z.ZodError): Problem[] {
  return error.issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: jsonPointer([...issue.path, key]),
        message: `unknown field "${key}"`,
        code: issue.code,
      }));
    }
    return [{ path: jsonPointer(issue.path), message: issue.message, code: issue.code }];
  });
}
