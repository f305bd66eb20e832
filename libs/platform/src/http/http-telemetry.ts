import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Metrics } from '../metrics/metrics';
import { routeOf } from './allowed-methods';
import { contextFromHeaders } from '../tracing/trace-context';
import { vigilTracer } from '../tracing/tracing';

/** The buckets OpenTelemetry's semantic conventions advise for `http.server.request.duration` (seconds). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/**
 * Every request as OpenTelemetry's HTTP server conventions describe it: a SERVER span named
 * `METHOD route`, continuing the caller's `traceparent`, active while Nest handles the request
 * (so the append's span is its child), and the Prometheus histogram
 * `http_server_request_duration_seconds` by method, route template and status.
 */
export function httpTelemetry(metrics: Metrics): RequestHandler {
  const duration = metrics.histogram(
    'http_server_request_duration_seconds',
    'Duration of HTTP server requests (OpenTelemetry http.server.request.duration)',
    ['http_request_method', 'http_route', 'http_response_status_code'],
    DURATION_BUCKETS,
  );
  const tracer = vigilTracer();
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const parent = contextFromHeaders(request.headers);
    const span = tracer.startSpan(
      request.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: request.method,
          [ATTR_URL_PATH]: request.path,
          [ATTR_URL_SCHEME]: request.protocol,
        },
      },
      parent,
    );
    response.once('close', () => {
      const route = routeOf(request);
      const status = response.statusCode;
      duration.observe(
        { http_request_method: request.method, http_response_status_code: status, ...(route ? { http_route: route } : {}) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      if (route) span.updateName(`${request.method} ${route}`).setAttribute(ATTR_HTTP_ROUTE, route);
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
