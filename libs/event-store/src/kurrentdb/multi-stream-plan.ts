import { contentHash } from '../content-hash';
import { type EventToAppend, type ExpectedRevision, type StreamWrite, WrongExpectedRevisionError } from '../event-store.port';
import { normaliseEventId, type EventIdMarker } from './event-id-marker';

/** A stream's revision before the append: a number, or `'no_stream'`. */
export type CurrentRevision = bigint | 'no_stream';

export interface PlannedEvent {
  event: EventToAppend;
  contentHash: string;
}

/** One request of the multi-stream append: a stream appears once per append (server rule). */
export interface PlannedStream {
  streamId: string;
  /** What the server checks. */
  expected: ExpectedRevision;
  /** What the caller asked for, to report in WrongExpectedRevisionError. */
  requested: ExpectedRevision;
  events: PlannedEvent[];
}

/** The outcome of each input event, in input order, before the server has answered. */
export type PlannedOutcome =
  | { kind: 'new'; eventId: string; streamId: string }
  /** Stored before, or earlier in this same call. */
  | { kind: 'known'; eventId: string; streamId: string; sameContent: boolean };

export interface MultiStreamPlan {
  streams: PlannedStream[];
  outcomes: PlannedOutcome[];
}

/** Streams written by more than one write of a call: their revision has to be read first. */
export function streamsWrittenTwice(writes: StreamWrite[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const write of writes) (seen.has(write.streamId) ? twice : seen).add(write.streamId);
  return [...twice];
}

/**
 * Pure planning of `appendMany` for KurrentDB. Events whose id is already claimed are answered
 * `known` and not written; a write left with no new event skips its revision check. A stream
 * written by several writes becomes one request whose expected revision is the stream's current
 * one (from `current`), after each write's own expectation has been checked here in order.
 */
export function planMultiStreamAppend(
  writes: StreamWrite[],
  claimed: ReadonlyMap<string, EventIdMarker>,
  current: ReadonlyMap<string, CurrentRevision>,
): MultiStreamPlan {
  const streams = new Map<string, PlannedStream & { running?: CurrentRevision }>();
  const outcomes: PlannedOutcome[] = [];
  const claimedHere = new Map<string, EventIdMarker>();

  for (const write of writes) {
    const fresh: PlannedEvent[] = [];
    for (const event of write.events) {
      const eventId = event.envelope.eventId;
      const key = normaliseEventId(eventId);
      const hash = contentHash(event.envelope);
      const known = claimed.get(key) ?? claimedHere.get(key);
      if (known) {
        outcomes.push({ kind: 'known', eventId, streamId: known.streamId, sameContent: known.contentHash === hash });
        continue;
      }
      claimedHere.set(key, { streamId: write.streamId, contentHash: hash });
      fresh.push({ event, contentHash: hash });
      outcomes.push({ kind: 'new', eventId, streamId: write.streamId });
    }
    if (fresh.length > 0) addToStream(streams, write, fresh, current.get(write.streamId));
  }
  return { streams: [...streams.values()].map(({ running: _, ...stream }) => stream), outcomes };
}

function addToStream(
  streams: Map<string, PlannedStream & { running?: CurrentRevision }>,
  write: StreamWrite,
  fresh: PlannedEvent[],
  current: CurrentRevision | undefined,
): void {
  const planned = streams.get(write.streamId);
  if (current === undefined) {
    if (planned) throw new Error(`stream ${write.streamId} is written twice but its current revision was not read`);
    streams.set(write.streamId, {
      streamId: write.streamId,
      expected: write.expectedRevision,
      requested: write.expectedRevision,
      events: fresh,
    });
    return;
  }
  const running = planned?.running ?? current;
  assertExpected(write.streamId, write.expectedRevision, running);
  const next = (running === 'no_stream' ? -1n : running) + BigInt(fresh.length);
  if (planned) {
    planned.events.push(...fresh);
    planned.running = next;
  } else {
    streams.set(write.streamId, {
      streamId: write.streamId,
      expected: current,
      requested: write.expectedRevision,
      events: fresh,
      running: next,
    });
  }
}

function assertExpected(streamId: string, expected: ExpectedRevision, actual: CurrentRevision): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'exists' && actual !== 'no_stream') ||
    expected === actual;
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
}
