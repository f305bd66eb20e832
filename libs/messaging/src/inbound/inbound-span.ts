import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { contextFromHeaders, vigilTracer } from '@vigil/platform';
import type { ReceivedMessage } from '../codec/dead-letters';
import { MESSAGING_ATTRIBUTES } from '../kafka/messaging-attributes';

/**
 * An inbound message's CONSUMER span `process <topic>`, continuing the producer's `traceparent`
 * header when it sent one; the append's span is its child, so the events keep the producer's trace.
 */
export function withInboundSpan<T>(received: ReceivedMessage, group: string, handle: () => Promise<T>): Promise<T> {
  const attributes = {
    [MESSAGING_ATTRIBUTES.system]: 'kafka',
    [MESSAGING_ATTRIBUTES.operationType]: 'process',
    [MESSAGING_ATTRIBUTES.destination]: received.topic,
    [MESSAGING_ATTRIBUTES.consumerGroup]: group,
  };
  const parent = contextFromHeaders(received.message.headers ?? {});
  return vigilTracer().startActiveSpan(
    `process ${received.topic}`,
    { kind: SpanKind.CONSUMER, attributes },
    parent,
    async (span) => {
      try {
        return await handle();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
