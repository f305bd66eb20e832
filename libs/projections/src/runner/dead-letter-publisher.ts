import { IdempotentProducer, deadLetterTopic } from '@vigil/messaging';
import type { Kafka, Message } from 'kafkajs';
import type { DeadLetter } from './delivered-event';

export const REASON_HEADER = 'vigil-reason';

export function toDeadLetterMessage(projection: string, deadLetter: DeadLetter): Message {
  return {
    key: deadLetter.original.key,
    value: JSON.stringify({ projection, reason: deadLetter.reason, original: deadLetter.original }),
    headers: { [REASON_HEADER]: deadLetter.reason },
  };
}

/**
 * Sends a projection's poison messages to `<namespace>.dead-letters.v1` and waits for every replica;
 * idempotent, so a retried send does not duplicate a dead letter.
 */
export class DeadLetterPublisher {
  private readonly producer: IdempotentProducer;

  constructor(
    kafka: Kafka,
    private readonly namespace: string,
    private readonly projection: string,
  ) {
    this.producer = new IdempotentProducer(kafka);
  }

  async publish(deadLetters: readonly DeadLetter[]): Promise<void> {
    if (deadLetters.length === 0) return;
    const messages = deadLetters.map((deadLetter) => toDeadLetterMessage(this.projection, deadLetter));
    await this.producer.send([{ topic: deadLetterTopic(this.namespace), messages }]);
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
