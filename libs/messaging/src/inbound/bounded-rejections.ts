import type { Message } from 'kafkajs';
import { inboundRejectionMessage, type ReceivedMessage, type RejectionReason } from '../codec/dead-letters';

/**
 * Kafka refuses a produce request whose record batch is larger than the topic's `max.message.bytes`
 * (1 MiB by default): one message rejected for each of its 1,000 events, each rejection carrying the
 * original, would never be sent, and the inbound partition would stall behind it. So each rejection
 * is kept under this size, and rejections are sent in batches under it.
 */
export const MAX_REJECTION_BATCH_BYTES = 900_000;
const MAX_PROBLEMS_KEPT = 100;

function sizeOf(message: Message): number {
  const headers = Object.entries(message.headers ?? {}).reduce(
    (total, [name, value]) => total + name.length + (value === undefined ? 0 : String(value).length),
    0,
  );
  return Buffer.byteLength(message.value ?? '') + Buffer.byteLength(message.key ?? '') + headers + 64;
}

/**
 * The rejection record of one reason, at most `maxBytes`: a long list of problems is cut to its
 * first 100, and an original too large to copy is left out (`value: null`), the reason saying where
 * it lies on the inbound topic.
 */
export function boundedRejection(
  received: ReceivedMessage,
  reason: RejectionReason,
  rejectedAt: Date,
  maxBytes = MAX_REJECTION_BATCH_BYTES,
): Message {
  const whole = inboundRejectionMessage(received, reason, rejectedAt);
  if (sizeOf(whole) <= maxBytes) return whole;
  const problems = reason.problems ?? [];
  const cut: RejectionReason =
    problems.length > MAX_PROBLEMS_KEPT
      ? {
          ...reason,
          message: `${reason.message} (the first ${MAX_PROBLEMS_KEPT} of ${problems.length} problems)`,
          problems: problems.slice(0, MAX_PROBLEMS_KEPT),
        }
      : reason;
  const shorter = inboundRejectionMessage(received, cut, rejectedAt);
  if (sizeOf(shorter) <= maxBytes) return shorter;
  const { topic, partition, message } = received;
  const where = `${topic} partition ${partition} offset ${message.offset}`;
  const withoutValue: RejectionReason = {
    ...cut,
    message: `${cut.message}; the original (${message.value?.length ?? 0} bytes) is too large to copy here: read it on ${where}`,
  };
  return inboundRejectionMessage({ ...received, message: { ...message, value: null } }, withoutValue, rejectedAt);
}

/** The records in order, in batches of at most `maxBytes` each (a record alone may fill one). */
export function batchesOfAtMost(messages: readonly Message[], maxBytes = MAX_REJECTION_BATCH_BYTES): Message[][] {
  const batches: Message[][] = [];
  let current: Message[] = [];
  let size = 0;
  for (const message of messages) {
    const bytes = sizeOf(message);
    if (current.length > 0 && size + bytes > maxBytes) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
