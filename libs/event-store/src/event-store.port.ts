import type { Category, EventEnvelope, StoredEvent } from '@vigil/contract';

/** Who posted an event: always recorded by Vigil, whatever the client sends. */
export interface Principal {
  role: string;
  unit: string;
  subject?: string;
}

export type ExpectedRevision = 'any' | 'no_stream' | 'exists' | bigint;

/** An event to append: the upstream envelope plus what Vigil adds before storing. */
export interface EventToAppend {
  envelope: EventEnvelope;
  principal: Principal;
  /** The W3C traceparent of the append, stored in the metadata beside the principal (tracing on). */
  traceparent?: string;
}

export interface StreamWrite {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: EventToAppend[];
}

export type AppendedEvent = {
  eventId: string;
  status: 'appended' | 'duplicate';
  streamId: string;
  revision: bigint;
  position: bigint;
};

export type ConflictingEvent = { eventId: string; status: 'conflict'; streamId: string };

export type AppendOutcome = AppendedEvent | ConflictingEvent;

/** Thrown when a stream's revision is not the expected one; the caller reloads and decides again. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, found ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** A stream's last revision up to some position, and that event's position. */
export interface StreamHead {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
}

export interface ReadPage<E = StoredEvent> {
  events: E[];
  /** Position to read from next (exclusive of what was returned). */
  nextPosition: bigint;
  /** True when the page reached the head of the log as it was when read. */
  isEnd: boolean;
}

export interface Subscription {
  /** Stops the subscription; resolves once the handler will not be called again. */
  stop(): Promise<void>;
}

/**
 * An event of the global log as Kafka carries it (CONTRACT.md §6): the stored event as JSON and
 * what a message needs beside it, so that a publisher need not parse and re-serialize each event.
 */
export interface SerializedEvent {
  position: bigint;
  eventId: string;
  streamId: string;
  type: string;
  correlationId?: string;
  /** `metadata.traceparent`: the trace the relay continues in the message's headers. */
  traceparent?: string;
  /** Equal, once parsed, to `toJsonStoredEvent(event)`; not necessarily the same text. */
  json: string;
}

export interface SubscribeOptions<E = StoredEvent> {
  /** Deliver events strictly after this position (`0n` for everything: positions start at 1). */
  after: bigint;
  /** Largest number of events handed to the handler at once. */
  batchSize?: number;
  /** Called with ordered batches; the next batch waits for the returned promise. */
  handle(events: E[]): Promise<void>;
  /** Called when reading fails; the subscription retries with back-off. */
  onError?(error: unknown): void;
}

/**
 * The event store: one stream per aggregate and one global, gap-free, ordered log.
 *
 * Idempotency on `eventId`: an event whose id is already stored is not written again and
 * is reported `duplicate` (same type, occurredAt and data) or `conflict` (other content).
 * A write made only of such events skips the expected-revision check, so a retry is harmless.
 */
export interface EventStore {
  /** Appends every write in order; all-or-nothing across the writes when the adapter allows it. */
  appendMany(writes: StreamWrite[]): Promise<AppendOutcome[]>;
  /** The stored copies of the given event ids (to answer duplicates before deciding). */
  findByEventIds(eventIds: string[]): Promise<Map<string, StoredEvent>>;
  /** A stream's events in revision order (empty when the stream does not exist). */
  readStream(streamId: string): Promise<StoredEvent[]>;
  /** Several streams at once: a map from stream id to its events (missing streams omitted). */
  readStreams(streamIds: string[]): Promise<Map<string, StoredEvent[]>>;
  /** Events with position > `after`, in order, at most `limit`. */
  readAll(after: bigint, limit: number): Promise<ReadPage>;
  /** Position of the last stored event (`0n` when the log is empty). */
  headPosition(): Promise<bigint>;
  /**
   * Each stream of the categories as it stood at position `upTo`: its last revision and that event's
   * position (what a rebuilt read model's per-stream guard starts from). Optional: a store that cannot
   * answer it cheaply leaves it out, and a rebuild then keeps the guard page by page.
   */
  streamHeads?(upTo: bigint, categories: readonly Category[]): Promise<StreamHead[]>;
  /** Catch-up subscription: reads from `after`, then follows new appends with low latency. */
  subscribe(options: SubscribeOptions): Subscription;
  /**
   * The same subscription with the events already serialized, where the store can do that more
   * cheaply than parsing them first (PostgreSQL has them as JSON). Use `subscribeSerialized()`.
   */
  subscribeSerialized?(options: SubscribeOptions<SerializedEvent>): Subscription;
  /** Cheap probe for readiness. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
