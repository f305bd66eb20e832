import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';

/** 1,000 envelopes of a realistic size fit well under this. */
export const BODY_LIMIT = '5mb';

/**
 * Our own JSON body parser (Nest's is disabled) so that malformed JSON and oversize bodies are
 * answered as problem details by the same filter as everything else.
 */
export function configureHttp(app: INestApplication): void {
  app.use(express.json({ limit: BODY_LIMIT, strict: false, type: ['application/json', 'application/*+json'] }));
  const filter = new ProblemDetailsFilter();
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    filter.render(error, request, response);
  });
}
