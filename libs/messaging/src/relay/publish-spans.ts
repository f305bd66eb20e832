import { type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { categoryOfStream } from '@vigil/contract';
import type { SerializedEvent } from '@vigil/event-store';
import { contextOf, traceparentOf, vigilTracer } from '@vigil/platform';
import type { TraceparentOf } from '../codec/stored-event-messages';
import { MESSAGING_ATTRIBUTES } from '../kafka/messaging-attributes';
import { topicOf } from '../kafka/topics';

/**
 * The relay's PRODUCER spans for one page: one per trace the page's events belong to (the trace
 * stored with each at append), so each event's trace goes on request → append → publish →
 * projector. Each message then carries its publish span's `traceparent`; with tracing off here
 * the spans are the API's no-ops and the message carries the stored `traceparent` unchanged.
 */
export class PublishSpans {
  private readonly spans = new Map<string | undefined, { span: Span; header: string | undefined }>();

  constructor(namespace: string, events: readonly SerializedEvent[]) {
    const tracer = vigilTracer();
    const counts = new Map<string | undefined, number>();
    for (const event of events) counts.set(event.traceparent, (counts.get(event.traceparent) ?? 0) + 1);
    for (const [stored, count] of counts) {
      const span = tracer.startSpan(
        'send',
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            [MESSAGING_ATTRIBUTES.system]: 'kafka',
            [MESSAGING_ATTRIBUTES.operationType]: 'send',
            [MESSAGING_ATTRIBUTES.batchMessageCount]: count,
          },
        },
        contextOf(stored),
      );
      if (span.isRecording()) nameAfterTopics(span, namespace, events, stored);
      this.spans.set(stored, { span, header: span.isRecording() ? traceparentOf(span) : stored });
    }
  }

  readonly headerOf: TraceparentOf = (event) => this.spans.get(event.traceparent)?.header;

  end(error?: unknown): void {
    for (const { span } of this.spans.values()) {
      if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      span.end();
    }
  }
}

/** `send <topic>` as the messaging conventions name a span, when the trace's events went to one topic. */
function nameAfterTopics(span: Span, namespace: string, events: readonly SerializedEvent[], traceparent: string | undefined) {
  const topics = new Set(
    events.filter((event) => event.traceparent === traceparent).map((e) => topicOf(namespace, categoryOfStream(e.streamId))),
  );
  if (topics.size !== 1) return;
  const [topic] = topics;
  span.updateName(`send ${topic}`).setAttribute(MESSAGING_ATTRIBUTES.destination, topic!);
}
