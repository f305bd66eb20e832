import { categoryOfStream, parseJsonStoredEvent, type StoredEvent } from '@vigil/contract';
import { type SerializedEvent, serializeEvent } from '@vigil/event-store';
import type { Message, TopicMessages } from 'kafkajs';
import { topicOf } from '../kafka/topics';
import { type DeadLetter, type OriginalMessage, originalOf, type ReceivedMessage } from './dead-letters';

/** The W3C `traceparent` header of an event's message: the relay's publish span, or the one stored with it. */
export type TraceparentOf = (event: SerializedEvent) => string | undefined;

const storedTraceparent: TraceparentOf = (event) => event.traceparent;

/**
 * CONTRACT.md §6: key = stream id, value = the stored event as JSON, headers `type` and
 * `correlationId`, and `traceparent` when the event's trace is known. Events as `readAll` returns
 * them are serialized here.
 */
export function toMessage(stored: SerializedEvent | StoredEvent, traceparentOf = storedTraceparent): Message {
  const event = 'json' in stored ? stored : serializeEvent(stored);
  const headers: Record<string, string> = { type: event.type };
  if (event.correlationId) headers.correlationId = event.correlationId;
  const traceparent = traceparentOf(event);
  if (traceparent) headers.traceparent = traceparent;
  // A Buffer: kafkajs measures a string value's UTF-8 length twice before copying it.
  return { key: event.streamId, value: Buffer.from(event.json), headers };
}

/** A page of the log as one `sendBatch`: messages grouped by topic, each topic's in log order. */
export function toTopicMessages(
  namespace: string,
  events: readonly (SerializedEvent | StoredEvent)[],
  traceparentOf = storedTraceparent,
): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const event of events) {
    const topic = topicOf(namespace, categoryOfStream(event.streamId));
    const messages = byTopic.get(topic) ?? [];
    if (messages.length === 0) byTopic.set(topic, messages);
    messages.push(toMessage(event, traceparentOf));
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** A stored event as it arrived from Kafka, and where from. */
export interface DeliveredEvent {
  event: StoredEvent;
  original: OriginalMessage;
}

export type Decoded = { ok: true; delivered: DeliveredEvent } | { ok: false; deadLetter: DeadLetter };

/** A Kafka value that is not a valid stored event (CONTRACT.md §6) becomes a dead letter with the reason. */
export function decodeStoredEvent(received: ReceivedMessage): Decoded {
  const original = originalOf(received);
  if (original.value === null) return { ok: false, deadLetter: { reason: 'the message has no value', original } };
  let json: unknown;
  try {
    json = JSON.parse(original.value);
  } catch {
    return { ok: false, deadLetter: { reason: 'the value is not JSON', original } };
  }
  const parsed = parseJsonStoredEvent(json);
  if (!parsed.ok) {
    const problems = parsed.problems.map((problem) => `${problem.path || '/'} ${problem.message}`).join('; ');
    return { ok: false, deadLetter: { reason: `not a stored event: ${problems}`, original } };
  }
  return { ok: true, delivered: { event: parsed.value, original } };
}
