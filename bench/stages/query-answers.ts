// Pure: what an answer of the query mix says: evaluated (timed), nothing to evaluate, no such endpoint, or failed.
import { isAsOf, type QueryRequest } from './query-mix';

export type Verdict =
  | { readonly kind: 'evaluated' }
  /** An empty answer says nothing about the query: not timed. */
  | { readonly kind: 'nothing to evaluate' }
  /** The service has no such route (Nest's 404 "Cannot GET …"): the figure cannot be measured. */
  | { readonly kind: 'no such endpoint' }
  | { readonly kind: 'failed'; readonly reason: string };

interface Problem {
  readonly code?: unknown;
  readonly detail?: unknown;
}

/** Any number but 0 anywhere in the answer: some event counted. */
export function countsSomething(value: unknown): boolean {
  if (typeof value === 'number') return value !== 0;
  if (Array.isArray(value)) return value.some(countsSomething);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(countsSomething);
  return false;
}

/** The list the answer of each endpoint must carry (CONTRACT.md §5), or the figure it must have. */
const SHAPES: Record<QueryRequest['kind'], (body: Record<string, unknown>) => boolean> = {
  progress: (body) => Array.isArray(body.targets),
  stats: (body) => typeof body.casesOpened === 'number',
  compare: (body) => Array.isArray(body.rows),
  series: (body) => Array.isArray(body.points),
};

/**
 * Progress has something to evaluate when it answers a target (a directive asked as of before its
 * targets were set has none); stats, compare and series when they count anything. Asked as of a moment
 * before the directive or unit was recorded, a `…NOT_FOUND` answer is right and empty.
 */
export function verdictOf(request: QueryRequest, status: number, body: unknown): Verdict {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as Problem & Record<string, unknown>;
  if (status === 404 && typeof problem.detail === 'string' && problem.detail.startsWith('Cannot GET '))
    return { kind: 'no such endpoint' };
  if (status === 404 && isAsOf(request) && typeof problem.code === 'string' && problem.code.endsWith('NOT_FOUND'))
    return { kind: 'nothing to evaluate' };
  const answer = `${status} ${JSON.stringify(body).slice(0, 200)}`;
  if (status !== 200) return { kind: 'failed', reason: answer };
  if (!SHAPES[request.kind](problem)) return { kind: 'failed', reason: `not a ${request.kind} answer: ${answer}` };
  const something = request.kind === 'progress' ? (problem.targets as unknown[]).length > 0 : countsSomething(body);
  return { kind: something ? 'evaluated' : 'nothing to evaluate' };
}
