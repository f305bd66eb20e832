/** One problem in a request: where (a JSON Pointer into the body or the parameter name) and what. */
export interface ProblemItem {
  path: string;
  message: string;
  code: string;
}

/** RFC 9457 problem details, with Vigil's stable `code` and the list of problems. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  problems?: ProblemItem[];
}

/** An answer to a client error; thrown from any layer, rendered by the one exception filter. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly problems?: ProblemItem[],
    /** Headers the answer carries (`WWW-Authenticate` on a 401, `Allow` on a 405). */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }

  toDetails(instance?: string): ProblemDetails {
    return {
      type: `urn:vigil:problem:${this.code.toLowerCase().replace(/_/g, '-')}`,
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.problems ? { problems: this.problems } : {}),
    };
  }
}

export const problems = {
  validation: (items: ProblemItem[], detail = 'The request does not match the schema.') =>
    new ProblemError(400, 'VALIDATION_FAILED', 'Invalid request', detail, items),
  malformedJson: (detail: string) => new ProblemError(400, 'MALFORMED_JSON', 'Malformed JSON', detail),
  tooLarge: (limit: string) =>
    new ProblemError(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', `The body is larger than ${limit}.`),
  unsupportedMediaType: () => new ProblemError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send application/json.'),
  /** RFC 6750 §3: the challenge, with `error="invalid_token"` when a token was sent and refused. */
  unauthenticated: (detail: string, tokenRefused = false) =>
    new ProblemError(401, 'UNAUTHENTICATED', 'Unauthenticated', detail, undefined, {
      'WWW-Authenticate': `Bearer realm="vigil"${tokenRefused ? ', error="invalid_token"' : ''}`,
    }),
  methodNotAllowed: (method: string, allowed: string[]) =>
    new ProblemError(
      405,
      'METHOD_NOT_ALLOWED',
      'Method not allowed',
      `${method} is not served here; use ${allowed.join(', ')}.`,
      undefined,
      {
        Allow: allowed.join(', '),
      },
    ),
  forbidden: (code: string, detail: string) => new ProblemError(403, code, 'Forbidden', detail),
  notFound: (detail: string) => new ProblemError(404, 'NOT_FOUND', 'Not found', detail),
  unavailable: (detail: string) => new ProblemError(503, 'UNAVAILABLE', 'Service unavailable', detail),
  /** The database is unreachable or restarting: nothing was wrong with the request, send it again later. */
  readModelNotReady: (retryAfterSeconds: number) =>
    new ProblemError(
      503,
      'READ_MODEL_NOT_READY',
      'Read model not ready',
      `The figures are being prepared (first start, or a rebuild of a new code version); retry in ${retryAfterSeconds} s.`,
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  databaseUnavailable: (retryAfterSeconds: number) =>
    new ProblemError(
      503,
      'DATABASE_UNAVAILABLE',
      'Database unavailable',
      `The database cannot be reached right now; retry in ${retryAfterSeconds} s (an event answered 503 may or may not be stored: re-post it, a duplicate is recognised).`,
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
};
