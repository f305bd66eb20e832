import { type Context, context, propagation, ROOT_CONTEXT, type Span, trace } from '@opentelemetry/api';

/**
 * The W3C `traceparent` of a context (the active one by default), as Vigil stores it with an event
 * and the relay carries it in Kafka headers; undefined when tracing is off or nothing is traced.
 */
export function traceparentOf(of: Context | Span = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject('spanContext' in of ? trace.setSpan(ROOT_CONTEXT, of) : of, carrier);
  return carrier.traceparent;
}

/** The context a stored or received `traceparent` continues (the root context without one). */
export function contextOf(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/** The context carried by incoming headers (HTTP, Kafka): `traceparent` and `tracestate`. */
export function contextFromHeaders(headers: Record<string, unknown>): Context {
  return propagation.extract(ROOT_CONTEXT, headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key];
      if (Buffer.isBuffer(value)) return value.toString();
      return typeof value === 'string' || Array.isArray(value) ? (value as string | string[]) : undefined;
    },
  });
}
