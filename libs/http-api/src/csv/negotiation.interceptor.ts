import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { endpoint } from '@vigil/contract';
import { ProblemError } from '@vigil/platform';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { toCsv } from './csv-format';
import { csvTable } from './answer-rows';

const OPERATION = 'vigil:operation';

const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv';

/**
 * The media types an endpoint answers in (its `csv` in the contract's catalogue), chosen by `Accept`
 * (CONTRACT.md §5, CSV): JSON by default, CSV when asked, `406 NOT_ACCEPTABLE` for anything else.
 */
@Injectable()
export class NegotiationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const operationId = this.reflector.get<string>(OPERATION, context.getHandler());
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const offered = endpoint(operationId).csv ? [JSON_TYPE, CSV_TYPE] : [JSON_TYPE];
    response.vary('Accept');
    const chosen = request.accepts(offered);
    if (chosen === false)
      throw new ProblemError(406, 'NOT_ACCEPTABLE', 'Not acceptable', `This endpoint answers ${offered.join(' or ')}.`);
    if (chosen !== CSV_TYPE) return next.handle();
    return next.handle().pipe(
      map((answer: unknown) => {
        const { columns, records } = csvTable(operationId, answer);
        response.type('text/csv; charset=utf-8; header=present');
        return toCsv(columns, records);
      }),
    );
  }
}

/** The endpoint of CONTRACT.md §5 a handler serves (its operation id in the catalogue): JSON, and CSV where it offers it. */
export const Answers = (operationId: string) =>
  applyDecorators(SetMetadata(OPERATION, operationId), UseInterceptors(NegotiationInterceptor));
