import type { StoredEvent } from '@vigil/contract';

/** Where a message came from: what a dead letter carries back so an operator can replay it. */
export interface OriginalMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
}

/** A stored event as it arrived from Kafka. */
export interface DeliveredEvent {
  event: StoredEvent;
  original: OriginalMessage;
}

export interface DeadLetter {
  reason: string;
  original: OriginalMessage;
}
