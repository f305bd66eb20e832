import type { Problem } from './types';

export type Params = Record<string, string | number | null | undefined>;

/** An answer other than 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    readonly path: string,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}

/** The API lives at the deployment's root, beside /dashboard/ (so a prefix in front of both still works). */
export function apiUrl(path: string, params: Params = {}, base = document.baseURI): string {
  const url = new URL(`..${path}`, base);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  }
  return url.toString();
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...body, status: response.status };
  } catch {
    return { status: response.status, title: response.statusText };
  }
}

/**
 * GETs JSON with the analyst's token; a 401 also tells the app, which asks for a token again. A token
 * past its `exp` is not sent at all: the app hears of it as of a 401 and says the token expired.
 */
export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: (problem: Problem) => void,
    private readonly expiresAt: Date | null = null,
  ) {}

  async get<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
    if (this.expiresAt !== null && this.expiresAt.getTime() <= Date.now()) {
      const problem: Problem = { status: 401, code: 'TOKEN_EXPIRED', title: 'Unauthorized', detail: 'The token has expired.' };
      this.onUnauthorized(problem);
      throw new ApiError(problem, path);
    }
    let response: Response;
    try {
      response = await fetch(apiUrl(path, params), {
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
        signal: signal ?? null,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError({ status: 0, code: 'NETWORK', detail: error instanceof Error ? error.message : String(error) }, path);
    }
    if (response.ok) return (await response.json()) as T;
    const problem = await readProblem(response);
    if (response.status === 401) this.onUnauthorized(problem);
    throw new ApiError(problem, path);
  }
}
