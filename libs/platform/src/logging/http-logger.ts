import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's id is kept when it is a short token of visible ASCII; anything else is replaced, so it cannot forge log lines. */
const ACCEPTABLE_ID = /^[\x21-\x7e]{1,128}$/;

/** The request id: the caller's `X-Request-Id` when acceptable, else a new UUID; echoed in the answer's `X-Request-Id`. */
export function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * One line per request once it is answered (`request completed`, or `request errored` for a 5xx),
 * with its `requestId`, method, URL, status and time; every line logged while handling it carries
 * the same `requestId`. Health probes and metrics scrapes are not logged.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    customProps: () => ({ context: 'http' }),
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    autoLogging: { ignore: (request) => /^\/(health|metrics)(\/|\?|$)/.test(request.url ?? '') },
  });
}
