import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { contextFromHeaders, vigilTracer } from '@vigil/platform';
import type { KafkaMessage } from 'kafkajs';
import { MESSAGING_ATTRIBUTES } from '../kafka/messaging-attributes';

/**
 * Runs `apply` (one Kafka batch into a read model) inside CONSUMER spans `process <topic>`, one per
 * trace the batch's messages carry in their `traceparent` header (the relay's publish span), so the
 * projector's work joins each event's trace. With tracing off they are the API's no-ops.
 */
export async function withApplySpans<T>(
  target: { projection: string; group: string; topic: string },
  messages: readonly Pick<KafkaMessage, 'headers'>[],
  apply: () => Promise<T>,
): Promise<T> {
  const tracer = vigilTracer();
  const byTrace = new Map<string | undefined, { headers: KafkaMessage['headers']; count: number }>();
  for (const { headers } of messages) {
    const key = headers?.traceparent?.toString();
    const known = byTrace.get(key);
    if (known) known.count += 1;
    else byTrace.set(key, { headers, count: 1 });
  }
  const spans = [...byTrace.values()].map(({ headers, count }) =>
    tracer.startSpan(
      `process ${target.topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          [MESSAGING_ATTRIBUTES.system]: 'kafka',
          [MESSAGING_ATTRIBUTES.operationType]: 'process',
          [MESSAGING_ATTRIBUTES.destination]: target.topic,
          [MESSAGING_ATTRIBUTES.consumerGroup]: target.group,
          [MESSAGING_ATTRIBUTES.batchMessageCount]: count,
          'vigil.projection': target.projection,
        },
      },
      contextFromHeaders(headers ?? {}),
    ),
  );
  try {
    return await apply();
  } catch (error) {
    for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}
