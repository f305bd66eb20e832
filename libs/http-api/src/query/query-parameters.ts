import { parseParameters } from '@vigil/contract';
import { ProblemError, problems } from '@vigil/platform';
import type { z } from 'zod';

/**
 * THE parser of every endpoint's query and path parameters, with the contract's schemas
 * (libs/contract/src/api): an unknown parameter is `400 UNKNOWN_PARAMETER`, anything malformed
 * `400 VALIDATION_FAILED`, each problem naming its parameter (CONTRACT.md §5, Strict parameters).
 */
export function parseQuery<S extends z.ZodObject>(schema: S, parameters: unknown): z.output<S> {
  const result = parseParameters(schema, (parameters ?? {}) as Record<string, unknown>);
  if (result.ok) return result.value;
  // In the order of the endpoint's parameters (unknown ones first).
  const order = Object.keys(schema.shape);
  const listed = [...result.problems].sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path));
  const detail = 'The query parameters are not valid.';
  if (result.code === 'UNKNOWN_PARAMETER') throw new ProblemError(400, 'UNKNOWN_PARAMETER', 'Invalid request', detail, listed);
  throw problems.validation(listed, detail);
}

/** Path parameters: a malformed one is `400 VALIDATION_FAILED` naming it. */
export function parsePath<S extends z.ZodObject>(schema: S, parameters: unknown): z.output<S> {
  const result = parseParameters(schema, (parameters ?? {}) as Record<string, unknown>);
  if (result.ok) return result.value;
  throw problems.validation(result.problems, 'The path is not valid.');
}
