import { parseJsonStoredEvent } from '@vigil/contract';
import type { KafkaMessage } from 'kafkajs';
import type { DeadLetter, DeliveredEvent, OriginalMessage } from './delivered-event';

export type Decoded = { ok: true; delivered: DeliveredEvent } | { ok: false; deadLetter: DeadLetter };

export function originalOf(topic: string, partition: number, message: KafkaMessage): OriginalMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? null,
  };
}

/** A Kafka value that is not a valid stored event (CONTRACT.md §6) becomes a dead letter with the reason. */
export function decodeMessage(topic: string, partition: number, message: KafkaMessage): Decoded {
  const original = originalOf(topic, partition, message);
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
