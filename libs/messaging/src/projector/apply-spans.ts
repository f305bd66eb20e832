import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { contextFromHeaders, vigilTracer } from '@vigil/platform';
import type { KafkaMessage } from 'kafkajs';
import { MESSAGING_ATTRIBUTES } from '../kafka/messaging-attributes';

/**
 * Runs `apply` (Kafka batches into a read model) inside CONSUMER spans `process <topic>`, one per
 * topic and trace the batches' messages carry in their `traceparent` header (the relay's publish
 * span), so the projector's work joins each event's trace. With tracing off they are the API's no-ops.
 */
export async function withApplySpans<T>(
  target: { projection: string; group: string },
  parts: readonly { topic: string; messages: readonly Pick<KafkaMessage, 'headers'>[] }[],
  apply: () => Promise<T>,
): Promise<T> {
  const tracer = vigilTracer();
  const byTrace = new Map<string, { topic: string; headers: KafkaMessage['headers']; count: number }>();
  for (const { topic, messages } of parts) {
    for (const { headers } of messages) {
      const key = `${topic} ${headers?.traceparent?.toString() ?? ''}`;
      const known = byTrace.get(key);
      if (known) known.count += 1;
      else byTrace.set(key, { topic, headers, count: 1 });
    }
  }
  const spans = [...byTrace.values()].map(({ topic, headers, count }) =>
    tracer.startSpan(
      `process ${topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          [MESSAGING_ATTRIBUTES.system]: 'kafka',
          [MESSAGING_ATTRIBUTES.operationType]: 'process',
          [MESSAGING_ATTRIBUTES.destination]: topic,
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
