import { categoryOfStream, type StoredEvent } from '@vigil/contract';
import { type SerializedEvent, serializeEvent } from '@vigil/event-store';
import { topicOf } from '@vigil/messaging';
import type { Message, TopicMessages } from 'kafkajs';

/**
 * CONTRACT.md §6: key = stream id, value = the stored event as JSON, headers `type` and
 * `correlationId`. Events as `readAll` returns them are serialized here.
 */
export function toMessage(stored: SerializedEvent | StoredEvent): Message {
  const event = 'json' in stored ? stored : serializeEvent(stored);
  const headers: Record<string, string> = { type: event.type };
  if (event.correlationId) headers.correlationId = event.correlationId;
  // A Buffer: kafkajs measures a string value's UTF-8 length twice before copying it.
  return { key: event.streamId, value: Buffer.from(event.json), headers };
}

/** A page of the log as one `sendBatch`: messages grouped by topic, each topic's in log order. */
export function toTopicMessages(namespace: string, events: readonly (SerializedEvent | StoredEvent)[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const event of events) {
    const topic = topicOf(namespace, categoryOfStream(event.streamId));
    const messages = byTopic.get(topic) ?? [];
    if (messages.length === 0) byTopic.set(topic, messages);
    messages.push(toMessage(event));
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
