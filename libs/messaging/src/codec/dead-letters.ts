import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/**
 * THE dead-letter format, written and read here only. Two topics carry dead letters:
 * `<namespace>.dead-letters.v1` (events a projection could not apply) and
 * `<namespace>.inbound.rejected.v1` (inbound messages ingest did not accept, CONTRACT.md §6).
 * Both keep the original message (where it came from, key and value as text) and the reason,
 * and name the reason in the `vigil-reason` header.
 */

export const REASON_HEADER = 'vigil-reason';

/** Where a message came from and what it said: what a dead letter carries back so an operator can replay it. */
export interface OriginalMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
}

/** A message a consumer sets aside, with the reason. */
export interface DeadLetter {
  reason: string;
  original: OriginalMessage;
}

/** Why an inbound message was not (fully) accepted: a code, a message, and the paths of schema problems. */
export interface RejectionReason {
  code: string;
  message: string;
  eventId?: string;
  problems?: { path: string; message: string; code: string }[];
}

/** A message as a consumer received it. */
export interface ReceivedMessage {
  topic: string;
  partition: number;
  message: Pick<KafkaMessage, 'offset' | 'key' | 'value' | 'headers'>;
}

export function originalOf({ topic, partition, message }: ReceivedMessage): OriginalMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? null,
  };
}

/** A projection's dead letter: `{ projection, reason, original }`. */
export function projectionDeadLetterMessage(projection: string, deadLetter: DeadLetter): Message {
  return {
    key: deadLetter.original.key,
    value: JSON.stringify({ projection, reason: deadLetter.reason, original: deadLetter.original }),
    headers: { [REASON_HEADER]: deadLetter.reason },
  };
}

/**
 * An inbound rejection: `{ reason, rejectedAt, original }`, keyed as the original, with its headers
 * but the token (a credential must not be copied onto another topic).
 */
export function inboundRejectionMessage(received: ReceivedMessage, reason: RejectionReason, rejectedAt: Date): Message {
  return {
    key: received.message.key,
    value: JSON.stringify({ reason, rejectedAt: rejectedAt.toISOString(), original: originalOf(received) }),
    headers: { ...withoutAuthorization(received.message.headers), [REASON_HEADER]: reason.code },
  };
}

function withoutAuthorization(headers: IHeaders | undefined): IHeaders {
  const { authorization: _dropped, ...rest } = headers ?? {};
  return rest;
}

/** A dead letter as read back from either topic. */
export interface DeadLetterEntry {
  /** `<topic>:<partition>:<offset>` of the dead letter itself. */
  id: string;
  kind: 'projection' | 'inbound';
  /** The projection that could not apply it (projection dead letters only). */
  projection?: string;
  reason: string;
  original: OriginalMessage;
  /** Headers of the dead-letter message (an inbound rejection keeps the original's, minus the token). */
  headers: Record<string, string>;
}

export function deadLetterId(topic: string, partition: number, offset: string): string {
  return `${topic}:${partition}:${offset}`;
}

export function parseDeadLetterId(id: string): { topic: string; partition: number; offset: string } | null {
  const match = /^(.+):(\d+):(\d+)$/.exec(id);
  return match ? { topic: match[1]!, partition: Number(match[2]), offset: match[3]! } : null;
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const value = headerText(headers, name);
    if (value !== undefined) result[name] = value;
  }
  return result;
}

/** Reads a dead letter of either kind back (the reason of a rejection as `CODE: message`). */
export function decodeDeadLetter(kind: DeadLetterEntry['kind'], received: ReceivedMessage): DeadLetterEntry | null {
  const { topic, partition, message } = received;
  if (!message.value) return null;
  const body = JSON.parse(message.value.toString()) as {
    projection?: string;
    reason: string | RejectionReason;
    original: OriginalMessage;
  };
  const reason = typeof body.reason === 'string' ? body.reason : `${body.reason.code}: ${body.reason.message}`;
  return {
    id: deadLetterId(topic, partition, message.offset),
    kind,
    ...(body.projection ? { projection: body.projection } : {}),
    reason,
    original: body.original,
    headers: headerStrings(message.headers),
  };
}
