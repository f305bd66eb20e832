import { categoryOfStream, type StoredEvent, toJsonStoredEvent } from '@vigil/contract';
import { topicOf } from '@vigil/messaging';
import type { Message, TopicMessages } from 'kafkajs';

/** CONTRACT.md §6: key = stream id, value = the stored event as JSON, headers `type` and `correlationId`. */
export function toMessage(event: StoredEvent): Message {
  const headers: Record<string, string> = { type: event.type };
  const correlationId = event.metadata?.correlationId;
  if (correlationId) headers.correlationId = correlationId;
  return { key: event.streamId, value: JSON.stringify(toJsonStoredEvent(event)), headers };
}

/** A page of the log as one `sendBatch`: messages grouped by topic, each topic's in log order. */
export function toTopicMessages(namespace: string, events: readonly StoredEvent[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const event of events) {
    const topic = topicOf(namespace, categoryOfStream(event.streamId));
    const messages = byTopic.get(topic) ?? [];
    if (messages.length === 0) byTopic.set(topic, messages);
    messages.push(toMessage(event));
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
