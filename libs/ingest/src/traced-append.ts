import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { AppendOutcome, EventStore, StreamWrite } from '@vigil/event-store';
import { traceparentOf, vigilTracer } from '@vigil/platform';

/**
 * The append as a span (a child of the request's or the inbound message's), whose W3C traceparent
 * is stored with every event it writes, as Vigil records the principal: the relay, publishing
 * later and elsewhere, carries it on in the Kafka headers. Tracing off, nothing is stored.
 */
export function appendTraced(store: EventStore, writes: StreamWrite[]): Promise<AppendOutcome[]> {
  const events = writes.reduce((count, write) => count + write.events.length, 0);
  if (events === 0) return store.appendMany(writes);
  const attributes = { 'vigil.events.count': events, 'vigil.streams.count': writes.length };
  return vigilTracer().startActiveSpan('event-store append', { kind: SpanKind.INTERNAL, attributes }, async (span) => {
    const traceparent = traceparentOf();
    if (traceparent) for (const write of writes) for (const event of write.events) event.traceparent = traceparent;
    try {
      return await store.appendMany(writes);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
