import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  type AppendStreamRequest,
  type MultiAppendResult,
} from '@kurrent/kurrentdb-client';
import type { StoredEvent } from '@vigil/contract';
import {
  type AppendOutcome,
  type EventStore,
  type ReadPage,
  type StreamWrite,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { mapWithConcurrency } from './concurrency';
import {
  fromMarkerEvent,
  isMarkerStream,
  markerStreamOf,
  normaliseEventId,
  toMarkerEventData,
  type EventIdMarker,
} from './event-id-marker';
import { isVigilEvent, readPositionFrom, toEventData, toStoredEvent, VIGIL_STREAMS } from './event-mapping';
import { fromCurrentState, toStreamState } from './expected-revision';
import { collectAll, collectStream, isUnimplemented, isWrongExpectedVersion, type KurrentClient } from './kurrent-client';
import { KurrentDbSubscription } from './kurrentdb-subscription';
import {
  planMultiStreamAppend,
  streamsWrittenTwice,
  type CurrentRevision,
  type PlannedOutcome,
  type PlannedStream,
} from './multi-stream-plan';

/** A pino logger fits. */
export interface EventStoreLogger {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}

export interface KurrentDbEventStoreOptions {
  clock?: () => Date;
  logger?: EventStoreLogger;
  /** Reads in flight at once when looking up event ids or streams. */
  readConcurrency?: number;
}

interface Placed {
  revision: bigint;
  position: bigint;
}

/** Another append claimed one of our event ids between our look-up and our append. */
class EventIdClaimRace extends Error {
  constructor(
    readonly markerStream: string,
    cause: unknown,
  ) {
    super(`event id stream ${markerStream} was claimed concurrently`, { cause });
    this.name = 'EventIdClaimRace';
  }
}

const APPEND_ATTEMPTS = 3;
// Reads that must see our own appends go to the leader.
const LEADER = { requiresLeader: true } as const;

/**
 * The event store on KurrentDB 25.1+ through its official client. A call of `appendMany` is one
 * atomic multi-stream append: the events, plus one `$vigil-eventid-<id>` claim per event.
 * Positions are KurrentDB commit positions: increasing, not consecutive.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly clock: () => Date;
  private readonly logger: EventStoreLogger | undefined;
  private readonly readConcurrency: number;
  private readonly subscriptions = new Set<KurrentDbSubscription>();

  constructor(
    private readonly client: KurrentClient,
    options: KurrentDbEventStoreOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.logger;
    this.readConcurrency = options.readConcurrency ?? 32;
  }

  /** e.g. `kurrentdb://localhost:2113?tls=false` (KURRENTDB_URL). */
  static fromConnectionString(connectionString: string, options?: KurrentDbEventStoreOptions): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), options);
  }

  async appendMany(writes: StreamWrite[]): Promise<AppendOutcome[]> {
    if (writes.every((write) => write.events.length === 0)) return [];
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.appendOnce(writes);
      } catch (error) {
        if (!(error instanceof EventIdClaimRace) || attempt >= APPEND_ATTEMPTS) throw error;
        // The other append has committed: looking the ids up again answers them duplicate or conflict.
        this.logger?.warn({ markerStream: error.markerStream, attempt }, 'event id claimed concurrently; retrying');
      }
    }
  }

  async findByEventIds(eventIds: string[]): Promise<Map<string, StoredEvent>> {
    const claimed = await this.readClaims(unique(eventIds.map(normaliseEventId)));
    const found = await this.resolveClaims(claimed);
    return new Map([...found.values()].map((event) => [event.eventId, event]));
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const resolved = await collectStream(this.client, streamId);
    return resolved.flatMap(({ event }) => (event && isVigilEvent(event) ? [toStoredEvent(event)] : []));
  }

  async readStreams(streamIds: string[]): Promise<Map<string, StoredEvent[]>> {
    const ids = unique(streamIds);
    const streams = await mapWithConcurrency(ids, this.readConcurrency, (id) => this.readStream(id));
    return new Map(ids.flatMap((id, index) => (streams[index]!.length > 0 ? [[id, streams[index]!]] : [])));
  }

  async readAll(after: bigint, limit: number): Promise<ReadPage> {
    if (limit <= 0) return { events: [], nextPosition: after, isEnd: false };
    // One more for the event at `after` (reads include it) and one to know whether the page is the last.
    const resolved = await collectAll(this.client, {
      direction: FORWARDS,
      fromPosition: readPositionFrom(after),
      maxCount: limit + 2,
      filter: VIGIL_STREAMS,
    });
    const recorded = resolved.flatMap(({ event }) => (event && event.position.commit > after ? [event] : []));
    const page = recorded.slice(0, limit);
    return {
      events: page.filter(isVigilEvent).map(toStoredEvent),
      nextPosition: page.length > 0 ? page[page.length - 1]!.position.commit : after,
      isEnd: recorded.length <= limit,
    };
  }

  async headPosition(): Promise<bigint> {
    const [last] = await collectAll(this.client, {
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter: VIGIL_STREAMS,
    });
    return last?.event?.position.commit ?? 0n;
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription = new KurrentDbSubscription(
      (after, highWaterMark) =>
        this.client.subscribeToAll({ fromPosition: readPositionFrom(after), filter: VIGIL_STREAMS }, { highWaterMark }),
      options,
    );
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        await subscription.stop();
        this.subscriptions.delete(subscription);
      },
    };
  }

  async ping(): Promise<void> {
    await collectAll(this.client, { direction: BACKWARDS, fromPosition: END, maxCount: 1 });
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  private async appendOnce(writes: StreamWrite[]): Promise<AppendOutcome[]> {
    const eventIds = unique(writes.flatMap((write) => write.events.map((event) => normaliseEventId(event.envelope.eventId))));
    const [claimed, current] = await Promise.all([this.readClaims(eventIds), this.currentRevisions(streamsWrittenTwice(writes))]);
    const plan = planMultiStreamAppend(writes, claimed, current);
    const appended = plan.streams.length > 0 ? await this.commit(plan.streams) : new Map<string, Placed>();
    const earlier = await this.earlierCopies(plan.outcomes, claimed, appended);
    return plan.outcomes.map((outcome) => toAppendOutcome(outcome, appended, earlier));
  }

  /** One atomic multi-stream append: each stream's events, then each event id's claim. */
  private async commit(streams: PlannedStream[]): Promise<Map<string, Placed>> {
    const recordedAt = this.clock().toISOString();
    const requests: AppendStreamRequest[] = [
      ...streams.map((stream) => ({
        streamName: stream.streamId,
        expectedState: toStreamState(stream.expected),
        events: stream.events.map(({ event }) => toEventData(event, recordedAt)),
      })),
      ...streams.flatMap((stream) =>
        stream.events.map(({ event, contentHash }) => ({
          streamName: markerStreamOf(event.envelope.eventId),
          expectedState: toStreamState('no_stream'),
          events: [toMarkerEventData({ streamId: stream.streamId, contentHash })],
        })),
      ),
    ];
    let result: MultiAppendResult;
    try {
      result = await this.client.multiStreamAppend(requests);
    } catch (error) {
      throw await this.appendError(error, streams);
    }
    return this.placeAppended(streams, result);
  }

  /**
   * The server names one failed check. If a rival append claimed one of our ids meanwhile, the
   * failed check may be its stream's rather than the claim's: look again before blaming the caller.
   */
  private async appendError(error: unknown, streams: PlannedStream[]): Promise<unknown> {
    if (isWrongExpectedVersion(error)) {
      const streamName: string | undefined = error.streamName;
      if (streamName && isMarkerStream(streamName)) return new EventIdClaimRace(streamName, error);
      const ours = streams.flatMap((stream) => stream.events.map(({ event }) => normaliseEventId(event.envelope.eventId)));
      const [claimed] = (await this.readClaims(ours)).keys();
      if (claimed !== undefined) return new EventIdClaimRace(markerStreamOf(claimed), error);
      const stream = streams.find((planned) => planned.streamId === streamName) ?? streams[0]!;
      return new WrongExpectedRevisionError(stream.streamId, stream.requested, fromCurrentState(error.actualState));
    }
    if (isUnimplemented(error)) {
      return new Error('KurrentDB 25.1 or later is required: this server has no multi-stream append', { cause: error });
    }
    return error;
  }

  /** The append answers only each stream's last revision; each event's position is read back. */
  private async placeAppended(streams: PlannedStream[], result: MultiAppendResult): Promise<Map<string, Placed>> {
    const placed = new Map<string, Placed>();
    await mapWithConcurrency(streams, this.readConcurrency, async (stream) => {
      const last = result.responses.find((response) => response.streamName === stream.streamId)?.revision;
      const count = BigInt(stream.events.length);
      const range = last === undefined ? {} : { fromRevision: last - count + 1n, maxCount: count };
      for (const { event } of await collectStream(this.client, stream.streamId, { ...range, ...LEADER })) {
        if (event?.position) {
          placed.set(normaliseEventId(event.id), { revision: event.revision, position: event.position.commit });
        }
      }
    });
    for (const stream of streams) {
      for (const { event } of stream.events) {
        if (!placed.has(normaliseEventId(event.envelope.eventId))) {
          throw new Error(`event ${event.envelope.eventId} was appended to ${stream.streamId} but not found there`);
        }
      }
    }
    return placed;
  }

  /** The stored copies behind `known` outcomes with the same content and not appended by this call. */
  private async earlierCopies(
    outcomes: PlannedOutcome[],
    claimed: ReadonlyMap<string, EventIdMarker>,
    appended: ReadonlyMap<string, Placed>,
  ): Promise<Map<string, Placed>> {
    const wanted = new Map<string, EventIdMarker>();
    for (const outcome of outcomes) {
      const key = normaliseEventId(outcome.eventId);
      const claim = claimed.get(key);
      if (outcome.kind === 'known' && outcome.sameContent && !appended.has(key) && claim) wanted.set(key, claim);
    }
    const found = await this.resolveClaims(wanted);
    return new Map([...found].map(([key, event]) => [key, { revision: event.revision, position: event.position }]));
  }

  private async readClaims(eventIds: string[]): Promise<Map<string, EventIdMarker>> {
    const claims = await mapWithConcurrency(eventIds, this.readConcurrency, async (eventId) => {
      const [first] = await collectStream(this.client, markerStreamOf(eventId), { maxCount: 1, ...LEADER });
      return first?.event ? fromMarkerEvent(first.event) : undefined;
    });
    return new Map(eventIds.flatMap((eventId, index) => (claims[index] ? [[eventId, claims[index]!]] : [])));
  }

  /** The stored events the claims point at, keyed like the claims. */
  private async resolveClaims(claims: ReadonlyMap<string, EventIdMarker>): Promise<Map<string, StoredEvent>> {
    const streams = await this.readStreams([...claims.values()].map((claim) => claim.streamId));
    const found = new Map<string, StoredEvent>();
    for (const [eventId, claim] of claims) {
      const event = streams.get(claim.streamId)?.find((stored) => normaliseEventId(stored.eventId) === eventId);
      if (event) found.set(eventId, event);
    }
    return found;
  }

  private async currentRevisions(streamIds: string[]): Promise<Map<string, CurrentRevision>> {
    const revisions = await mapWithConcurrency(streamIds, this.readConcurrency, async (streamId) => {
      const [last] = await collectStream(this.client, streamId, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
        ...LEADER,
      });
      return last?.event?.revision ?? ('no_stream' as const);
    });
    return new Map(streamIds.map((streamId, index) => [streamId, revisions[index]!]));
  }
}

function toAppendOutcome(
  outcome: PlannedOutcome,
  appended: ReadonlyMap<string, Placed>,
  earlier: ReadonlyMap<string, Placed>,
): AppendOutcome {
  const { eventId, streamId } = outcome;
  if (outcome.kind === 'known' && !outcome.sameContent) return { eventId, status: 'conflict', streamId };
  const key = normaliseEventId(eventId);
  const placed = appended.get(key) ?? earlier.get(key);
  if (!placed) throw new Error(`event ${eventId} is claimed for ${streamId} but is not in that stream`);
  const status = outcome.kind === 'new' ? 'appended' : 'duplicate';
  return { eventId, status, streamId, revision: placed.revision, position: placed.position };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
