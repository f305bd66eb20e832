import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, throwError } from 'rxjs';
import { isDatabaseUnavailable } from '../database/database-faults';
import { allowedMethods } from '../http/allowed-methods';
import { bodyProblem } from '../http/body-decoding';
import { ProblemError, problems } from './problem';

/** Seconds a client is asked to wait when the database is unavailable. */
const DATABASE_RETRY_AFTER_S = 2;

/**
 * A read model's serving schema (`rm_<name>`) not created yet: the projector (its own service, or the
 * all-in-one's thread) prepares it at its start, after the API may already answer.
 */
function isReadModelMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '42P01' && typeof message === 'string' && /\brm_[a-z]+\./.test(message);
}

/** The one place where errors become HTTP answers (RFC 9457). Nothing a client sends yields a 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // Kafka handlers: the error goes back to kafkajs, which does not commit and reads the message again.
    if (host.getType() !== 'http') return throwError(() => exception);
    const http = host.switchToHttp();
    this.render(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }

  /** Also used by the Express error handler that answers body-parser errors. */
  render(exception: unknown, request: Request, response: Response): void {
    const problem = this.toProblem(exception, request);
    if (problem.code === 'DATABASE_UNAVAILABLE' || problem.code === 'READ_MODEL_NOT_READY')
      this.logger.warn({ err: exception, url: request.url }, 'database unavailable; answered 503');
    else if (problem.status >= 500) this.logger.error({ err: exception, url: request.url }, 'request failed');
    for (const [name, value] of Object.entries(problem.headers ?? {})) response.setHeader(name, value);
    response
      .status(problem.status)
      .type('application/problem+json')
      .json(problem.toDetails(request.originalUrl ?? request.url));
  }

  private toProblem(exception: unknown, request: Request): ProblemError {
    if (exception instanceof ProblemError) return exception;
    const unreadable = bodyProblem(exception, request);
    if (unreadable !== null) return unreadable;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // No route for this method: a 405 when the path has routes for others.
      const allowed = status === 404 ? allowedMethods(request) : [];
      if (allowed.length > 0 && !allowed.includes(request.method)) return problems.methodNotAllowed(request.method, allowed);
      const code = status === 404 ? 'NOT_FOUND' : status === 413 ? 'PAYLOAD_TOO_LARGE' : `HTTP_${status}`;
      return new ProblemError(status, code, exception.message, exception.message);
    }
    if (isDatabaseUnavailable(exception)) return problems.databaseUnavailable(DATABASE_RETRY_AFTER_S);
    if (isReadModelMissing(exception)) return problems.readModelNotReady(DATABASE_RETRY_AFTER_S);
    return new ProblemError(500, 'INTERNAL', 'Internal error', 'An unexpected error occurred; it has been logged.');
  }
}
