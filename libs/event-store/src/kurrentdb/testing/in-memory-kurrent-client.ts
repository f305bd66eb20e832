import { randomUUID } from 'node:crypto';
import { PassThrough, type ReadableOptions } from 'node:stream';
import {
  BACKWARDS,
  END,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendStreamRequest,
  type AppendStreamState,
  type CurrentStreamState,
  type Filter,
  type MultiAppendResult,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import type { KurrentClient } from '../kurrent-client';

interface StoredRecord {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  data: unknown;
  metadata: unknown;
  position: Position;
}

type LiveSubscription = { stream: PassThrough; filter?: Filter };

/**
 * A stand-in for KurrentDB behind the client, as far as the adapter uses it, modelling what the
 * client's types, docs and the server's sources say: one stream per request of an atomic
 * multi-stream append, string-only metadata read back as JSON with `$schema.*` keys added,
 * ids in lower case, byte-offset positions (commit = prepare), `$all` reads including the event
 * at their start position. It is no proof the real server agrees: the int-spec is.
 */
export class InMemoryKurrentClient implements KurrentClient {
  private readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly live = new Set<LiveSubscription>();
  private nextPosition = 0n;
  /** Requests of every multi-stream append, for specs to inspect. */
  readonly appends: AppendStreamRequest[][] = [];
  /** Runs before an append is applied: a spec can write a competing append there. */
  beforeAppend: (() => Promise<void>) | null = null;
  /** When set, multi-stream append fails with it (e.g. an UNIMPLEMENTED gRPC error). */
  appendFailure: Error | null = null;
  disposed = false;

  constructor() {
    // A fresh database starts with system records; Vigil must not see them.
    this.store('$settings', '$metadata', {}, undefined);
  }

  async multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult> {
    this.assertOpen();
    await this.beforeAppend?.();
    if (this.appendFailure) throw this.appendFailure;
    const names = requests.map((request) => request.streamName);
    if (new Set(names).size !== names.length) throw new Error('each stream can appear only once per append session');
    for (const request of requests) {
      for (const event of request.events) {
        const metadata = event.metadata as unknown;
        if (metadata != null && Object.values(metadata as object).some((value) => typeof value !== 'string')) {
          throw new Error('multiStreamAppend requires metadata to be a plain object with string keys and string values.');
        }
      }
      const current = this.currentState(request.streamName);
      if (!matches(request.expectedState, current)) {
        throw new WrongExpectedVersionError(undefined, {
          streamName: request.streamName,
          expected: request.expectedState,
          current,
        });
      }
    }
    this.appends.push(requests);
    for (const request of requests) {
      for (const event of request.events) {
        const metadata = {
          ...((event.metadata as object | undefined) ?? {}),
          '$schema.name': event.type,
          '$schema.data-format': 'Json',
        };
        this.store(request.streamName, event.type, event.data, metadata, event.id);
      }
    }
    return {
      position: this.log[this.log.length - 1]!.position.commit,
      responses: requests.map((request) => ({
        streamName: request.streamName,
        revision: this.streams.get(request.streamName)!.at(-1)!.revision,
      })),
    };
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterableIterator<ResolvedEvent> {
    this.assertOpen();
    await Promise.resolve();
    const stream = this.streams.get(streamName);
    if (!stream) throw new StreamNotFoundError(undefined, streamName);
    const { fromRevision = START, direction, maxCount = Number.MAX_SAFE_INTEGER } = options;
    let records: StoredRecord[];
    if (direction === BACKWARDS) {
      const from = fromRevision === END || fromRevision === START ? undefined : fromRevision;
      records = stream.filter((record) => from === undefined || record.revision <= from).reverse();
    } else {
      const from = fromRevision === START ? 0n : fromRevision === END ? BigInt(stream.length) : fromRevision;
      records = stream.filter((record) => record.revision >= from);
    }
    for (const record of records.slice(0, Number(maxCount))) yield resolvedOf(record) as ResolvedEvent;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterableIterator<AllStreamResolvedEvent> {
    this.assertOpen();
    await Promise.resolve();
    const { fromPosition = START, direction, maxCount = Number.MAX_SAFE_INTEGER, filter } = options;
    let records: StoredRecord[];
    if (direction === BACKWARDS) {
      const before = fromPosition === END || fromPosition === START ? undefined : fromPosition.commit;
      records = this.log.filter((record) => before === undefined || record.position.commit < before).reverse();
    } else {
      const from = fromPosition === START ? -1n : fromPosition === END ? this.nextPosition : fromPosition.commit;
      // Forward reads include the event at their start position, as the server's do.
      records = this.log.filter((record) => record.position.commit >= from);
    }
    const matching = records.filter((record) => passes(record, filter));
    for (const record of matching.slice(0, Number(maxCount))) yield resolvedOf(record);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}, readableOptions: ReadableOptions = {}): AllStreamSubscription {
    this.assertOpen();
    const { fromPosition = START, filter } = options;
    const stream = new PassThrough({ objectMode: true, highWaterMark: readableOptions.highWaterMark ?? 16 });
    const subscription: LiveSubscription = { stream, filter };
    const unsubscribe = async () => {
      this.live.delete(subscription);
    };
    Object.assign(stream, { unsubscribe });
    setImmediate(() => {
      if (fromPosition !== END) {
        const from = fromPosition === START ? -1n : fromPosition.commit;
        // Includes the event at the start position: the adapter must not rely on the server skipping it.
        for (const record of this.log) {
          if (record.position.commit >= from && passes(record, filter)) stream.write(resolvedOf(record));
        }
      }
      this.live.add(subscription);
    });
    return stream as unknown as AllStreamSubscription;
  }

  /** Makes every live subscription fail, as a dropped connection would. */
  dropSubscriptions(error = new Error('connection dropped')): void {
    for (const subscription of this.live) subscription.stream.emit('error', error);
    this.live.clear();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.live.clear();
  }

  private store(streamId: string, type: string, data: unknown, metadata: unknown, id: string = randomUUID()): void {
    const stream = this.streams.get(streamId) ?? [];
    const position = this.nextPosition;
    const record: StoredRecord = {
      streamId,
      id: id.toLowerCase(),
      type,
      revision: BigInt(stream.length),
      data: JSON.parse(JSON.stringify(data)),
      metadata,
      position: { commit: position, prepare: position },
    };
    // Positions are byte offsets in the log: increasing, far from consecutive.
    this.nextPosition += 100n + BigInt(JSON.stringify(data).length);
    stream.push(record);
    this.streams.set(streamId, stream);
    this.log.push(record);
    for (const subscription of this.live) {
      if (passes(record, subscription.filter)) setImmediate(() => subscription.stream.write(resolvedOf(record)));
    }
  }

  private currentState(streamName: string): CurrentStreamState {
    const stream = this.streams.get(streamName);
    return stream ? stream[stream.length - 1]!.revision : 'no_stream';
  }

  private assertOpen(): void {
    if (this.disposed) throw new Error('client is disposed');
  }
}

function matches(expected: AppendStreamState, current: CurrentStreamState): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 'no_stream';
  if (expected === 'stream_exists') return current !== 'no_stream';
  return expected === current;
}

function passes(record: StoredRecord, filter: Filter | undefined): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
  return 'regex' in filter
    ? new RegExp(filter.regex).test(subject)
    : filter.prefixes.some((prefix) => subject.startsWith(prefix));
}

function resolvedOf(record: StoredRecord): AllStreamResolvedEvent {
  const event = { ...record, isJson: true, created: new Date(0) };
  return { event, commitPosition: record.position.commit } as unknown as AllStreamResolvedEvent;
}
