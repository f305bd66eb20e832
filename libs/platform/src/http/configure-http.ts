import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { problems } from '../errors/problem';
import { HTTP_LOGGER } from '../logging/logging.module';
import { Metrics } from '../metrics/metrics';
import { verifyUtf8 } from './body-decoding';
import { httpTelemetry } from './http-telemetry';

/** 1,000 envelopes of a realistic size fit well under this. */
export const BODY_LIMIT = '5mb';

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * What every request goes through before Nest routes it, in this order: the request log line and
 * its id, the span and the duration histogram, then our own JSON body parser (Nest's is disabled)
 * so that malformed JSON, bodies that cannot be decoded (bad gzip/deflate/br, bad UTF-8), oversize and
 * non-JSON bodies are answered as problem details by the same
 * filter as everything else — and still logged, measured and traced.
 */
export function configureHttp(app: INestApplication): void {
  (app.getHttpAdapter().getInstance() as express.Express).disable('x-powered-by');
  app.use(app.get(HTTP_LOGGER));
  app.use(httpTelemetry(app.get(Metrics)));
  app.use(express.json({ limit: BODY_LIMIT, strict: false, type: JSON_TYPES, verify: verifyUtf8 }));
  app.use((request: Request, _response: Response, next: NextFunction) =>
    next(hasBody(request) && !request.is(JSON_TYPES) ? problems.unsupportedMediaType() : undefined),
  );
  const filter = new ProblemDetailsFilter();
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    filter.render(error, request, response);
  });
}

/** RFC 9112 §6.3: a request has a body when it says how it is framed and it is not empty. */
function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}
