import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EventEnvelope, type StoredEvent, type StreamRef, streamOf } from '@vigil/contract';
import { aggregateFor, scopeUnitsOf, unitsReferencedBy, writeOutsideScope } from '@vigil/domain';
import {
  type AppendOutcome,
  EVENT_STORE,
  type EventStore,
  type EventToAppend,
  type StreamWrite,
  WrongExpectedRevisionError,
  contentHash,
} from '@vigil/event-store';
import { type AuthPrincipal, Metrics, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { AggregateCache } from './aggregate-cache';
import { type IngestResult, rejected } from './ingest-result';
import { appendTraced } from './traced-append';
import { UnitParentHints } from './unit-parent-hints';

const MAX_ATTEMPTS = 5;

/**
 * The one ingest path (HTTP and Kafka): answers duplicates, checks scope, decides each event
 * in order against its aggregate (each read once per batch), and appends the accepted ones in
 * one write. Idempotency comes first: a rejected event found stored meanwhile is a duplicate after
 * all. A concurrent writer on the same stream makes it start over from a fresh read.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  private readonly counter;
  private readonly unitHints = new UnitParentHints();
  private readonly eventLines: boolean;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    metrics: Metrics,
    @Inject(VIGIL_CONFIG) config: VigilConfig,
  ) {
    this.counter = metrics.counter('vigil_ingest_events_total', 'Events posted, by result', ['status']);
    for (const status of ['appended', 'duplicate', 'rejected']) this.counter.inc({ status }, 0);
    this.eventLines = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
  }

  async ingest(envelopes: EventEnvelope[], principal: AuthPrincipal): Promise<IngestResult[]> {
    const streams = envelopes.map((envelope) => streamOf(envelope));
    for (let attempt = 1; ; attempt += 1) {
      try {
        const results = await this.attempt(envelopes, streams, principal);
        this.count(results);
        if (this.eventLines) this.logEach(envelopes, results);
        return results;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.debug({ streamId: error.streamId, attempt }, 'concurrent write, deciding again');
      }
    }
  }

  /** A debug line per event with its `eventId` and `correlationId` (in a request, with its `requestId` too). */
  private logEach(envelopes: EventEnvelope[], results: IngestResult[]): void {
    results.forEach((result, i) => {
      const { status, eventId, ...rest } = result;
      this.logger.debug({ eventId, correlationId: envelopes[i]!.metadata?.correlationId, ...rest }, `event ${status}`);
    });
  }

  /** One count per status and batch rather than per event. */
  private count(results: IngestResult[]): void {
    const counts = new Map<string, number>();
    for (const { status } of results) counts.set(status, (counts.get(status) ?? 0) + 1);
    for (const [status, n] of counts) this.counter.inc({ status }, n);
  }

  /** `streams[i]` is the stream of `envelopes[i]`, worked out once per request. */
  private async attempt(envelopes: EventEnvelope[], streams: StreamRef[], principal: AuthPrincipal): Promise<IngestResult[]> {
    const cache = new AggregateCache(this.store, this.unitHints);
    // The streams of the batch, with the units its events name and their likely ancestors, are
    // read while the duplicates are looked up; a duplicate's stream read for nothing costs less
    // than the round trip.
    const named = envelopes.flatMap((envelope) => unitsReferencedBy(envelope));
    const [stored] = await Promise.all([
      this.store.findByEventIds(envelopes.map((envelope) => envelope.eventId)),
      cache.load([...streams.map((stream) => stream.streamId), ...cache.unitStreamsWithHintedAncestors(named)]),
    ]);
    const fresh = envelopes.flatMap((envelope, i) => (stored.has(envelope.eventId) ? [] : [i]));
    await cache.loadUnitsWithAncestors(fresh.flatMap((i) => this.unitsOf(envelopes[i]!, streams[i]!, cache)));

    const results: (IngestResult | null)[] = [];
    const writes: StreamWrite[] = [];
    const written = new Set<string>();
    envelopes.forEach((envelope, i) => {
      const known = stored.get(envelope.eventId);
      if (known) {
        results.push(answerKnown(envelope, known));
        return;
      }
      const verdict = this.decide(envelope, streams[i]!, principal, cache);
      if (verdict) {
        results.push(verdict);
        return;
      }
      appendInOrder(writes, written, streams[i]!.streamId, cache, { envelope, principal });
      results.push(null);
    });
    const storedMeanwhile = await this.storedSinceLookUp(envelopes, results, stored);
    const outcomes = await appendTraced(this.store, writes);
    return fillAppended(envelopes, answerStoredMeanwhile(envelopes, results, storedMeanwhile), outcomes);
  }

  /**
   * The rejected events that were stored after all. The duplicates were looked up while the streams
   * were read, so another writer can store this very batch in between: the state then already holds
   * an event the look-up missed, and the rules refuse it (case already open, already cleared,
   * voided). Looked up again, after the read, such an event is found, and it is a duplicate (or,
   * with other content, EVENT_ID_CONFLICT) whatever its aggregate's state. Only a batch with
   * rejections pays for the round trip, made before the append so that a failure stores nothing.
   */
  private async storedSinceLookUp(
    envelopes: EventEnvelope[],
    results: (IngestResult | null)[],
    stored: ReadonlyMap<string, StoredEvent>,
  ): Promise<ReadonlyMap<string, StoredEvent>> {
    const refused = envelopes.flatMap((envelope, i) =>
      results[i]?.status === 'rejected' && !stored.has(envelope.eventId) ? [envelope.eventId] : [],
    );
    return refused.length === 0 ? new Map() : this.store.findByEventIds(refused);
  }

  /** null when accepted (and the cached state evolved), else the rejection. */
  private decide(
    envelope: EventEnvelope,
    stream: StreamRef,
    principal: AuthPrincipal,
    cache: AggregateCache,
  ): IngestResult | null {
    const { streamId, category } = stream;
    const loaded = cache.get(streamId);
    const outside = writeOutsideScope(principal, cache.units(), scopeUnitsOf(envelope, loaded.state as never));
    if (outside !== undefined) {
      return rejected(envelope.eventId, 'OUT_OF_SCOPE', `unit ${outside ?? '(root)'} is outside the scope of ${principal.unit}`);
    }
    const aggregate = aggregateFor(category);
    const error = aggregate.decide(loaded.state as never, envelope as never, { units: cache.units() });
    if (error) return rejected(envelope.eventId, error.code, error.message);
    cache.update(streamId, aggregate.evolve(loaded.state as never, envelope as never));
    return null;
  }

  /** The units to load for deciding the event and checking its scope (`scopeUnitsOf` names no others). */
  private unitsOf(envelope: EventEnvelope, stream: StreamRef, cache: AggregateCache): readonly string[] {
    return unitsReferencedBy(envelope, cache.get(stream.streamId).state as never);
  }
}

/**
 * Consecutive events of one stream share a write, so the log keeps the batch's order. The first
 * write of a stream carries the revision it was read at; a later one of the same stream, in the
 * same transaction, follows it.
 */
function appendInOrder(
  writes: StreamWrite[],
  written: Set<string>,
  streamId: string,
  cache: AggregateCache,
  event: EventToAppend,
): void {
  const last = writes[writes.length - 1];
  if (last?.streamId === streamId) {
    last.events.push(event);
    return;
  }
  const expectedRevision = written.has(streamId) ? 'any' : (cache.get(streamId).loadedRevision ?? 'no_stream');
  writes.push({ streamId, expectedRevision, events: [event] });
  written.add(streamId);
}

function answerKnown(envelope: EventEnvelope, known: StoredEvent): IngestResult {
  if (contentHash(known) !== contentHash(envelope)) {
    return rejected(envelope.eventId, 'EVENT_ID_CONFLICT', `event ${envelope.eventId} was stored with other content`);
  }
  return {
    eventId: envelope.eventId,
    status: 'duplicate',
    streamId: known.streamId,
    revision: Number(known.revision),
    position: Number(known.position),
  };
}

/** A rejection of an event found stored since becomes its duplicate (or conflict) answer. */
function answerStoredMeanwhile(
  envelopes: EventEnvelope[],
  results: (IngestResult | null)[],
  storedMeanwhile: ReadonlyMap<string, StoredEvent>,
): (IngestResult | null)[] {
  if (storedMeanwhile.size === 0) return results;
  return results.map((result, i) => {
    const known = result?.status === 'rejected' ? storedMeanwhile.get(envelopes[i]!.eventId) : undefined;
    return known ? answerKnown(envelopes[i]!, known) : result;
  });
}

/** The store's outcomes come in the order of the accepted events: fill them into the gaps. */
function fillAppended(envelopes: EventEnvelope[], results: (IngestResult | null)[], outcomes: AppendOutcome[]): IngestResult[] {
  const byId = new Map(outcomes.map((outcome) => [outcome.eventId, outcome]));
  return results.map((result, index) => {
    if (result) return result;
    const eventId = envelopes[index]!.eventId;
    const outcome = byId.get(eventId)!;
    if (outcome.status === 'conflict') {
      return rejected(eventId, 'EVENT_ID_CONFLICT', `event ${eventId} was stored with other content`);
    }
    return {
      eventId,
      status: outcome.status,
      streamId: outcome.streamId,
      revision: Number(outcome.revision),
      position: Number(outcome.position),
    };
  });
}
