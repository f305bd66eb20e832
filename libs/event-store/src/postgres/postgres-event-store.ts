import type { Category, StoredEvent } from '@vigil/contract';
import { inTransaction } from '@vigil/platform';
import type { Pool, PoolClient } from 'pg';
import {
  type AppendOutcome,
  type EventStore,
  type ReadPage,
  type SerializedEvent,
  type StreamWrite,
  type StreamHead,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { type AppendPlan, type ExistingEvent, placeAfter, planAppend } from './append-plan';
import {
  APPEND_STATE_SQL,
  type AppendStateRow,
  isUniqueViolation,
  PLACE_ROWS_SQL,
  type PlacedRow,
  placeRowsParams,
  revisionShifts,
  toAppendState,
} from './append-sql';
import { EVENT_COLUMNS, type EventRow, toStoredEvent } from './rows';
import { PostgresSubscription } from './postgres-subscription';
import { SERIALIZED_PAGE_SQL, type SerializedRow, toSerializedEvent } from './serialized-rows';

export const EVENTS_CHANNEL = 'vigil_events';
const OPTIMISTIC_ATTEMPTS = 3;

/**
 * The default event store. Every append writes under the single row lock on `event_log_head`:
 * positions are handed out, and committed, in order — the global log never shows a position
 * before every lower one is visible. A whole batch is one statement (see `PLACE_ROWS_SQL`): it
 * is planned from a read made without the lock, and the lock is held only while PostgreSQL
 * writes, never across a round trip to Node.
 */
export class PostgresEventStore implements EventStore {
  // The statements of the ingest path are named, so each connection parses and plans them once.
  /**
   * @param optimisticAttempts appends tried without the lock before one takes it first (0: always
   *   locked; tests use it to cover that path).
   */
  constructor(
    private readonly pool: Pool,
    private readonly clock: () => Date = () => new Date(),
    private readonly optimisticAttempts = OPTIMISTIC_ATTEMPTS,
  ) {}

  /**
   * The first try assumes every event is new (the ingest has just looked them up) and reads only
   * the streams' revisions; a stored event id then makes the write fail on the unique index, or the
   * plan on a revision its duplicates would have spared, and the next tries read the ids as well.
   */
  async appendMany(writes: StreamWrite[]): Promise<AppendOutcome[]> {
    if (writes.every((write) => write.events.length === 0)) return [];
    const keys = appendKeys(writes);
    for (let attempt = 0; attempt < this.optimisticAttempts; attempt += 1) {
      const assumeNew = attempt === 0;
      try {
        const plan = planAppend(writes, 0n, ...(await this.appendState(this.pool, keys, assumeNew)));
        if (plan.rows.length === 0) return plan.outcomes;
        return placeAfter(plan, ...(await this.place(this.pool, plan)));
      } catch (error) {
        if (!isUniqueViolation(error) && !(assumeNew && error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    return this.appendLocked(writes, keys);
  }

  async findByEventIds(eventIds: string[]): Promise<Map<string, StoredEvent>> {
    if (eventIds.length === 0) return new Map();
    const { rows } = await this.pool.query<EventRow>({
      name: 'vigil-find-by-event-ids',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[])`,
      values: [eventIds],
    });
    return new Map(rows.map((row) => [row.event_id, toStoredEvent(row)]));
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return (await this.readStreams([streamId])).get(streamId) ?? [];
  }

  async readStreams(streamIds: string[]): Promise<Map<string, StoredEvent[]>> {
    const result = new Map<string, StoredEvent[]>();
    if (streamIds.length === 0) return result;
    const { rows } = await this.pool.query<EventRow>({
      name: 'vigil-read-streams',
      // One index range scan per stream, whatever the planner's statistics say.
      text: `SELECT e.* FROM unnest($1::text[]) AS s(id)
       CROSS JOIN LATERAL (SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = s.id ORDER BY revision) e`,
      values: [streamIds],
    });
    for (const row of rows) {
      const events = result.get(row.stream_id) ?? [];
      events.push(toStoredEvent(row));
      result.set(row.stream_id, events);
    }
    return result;
  }

  async readAll(after: bigint, limit: number): Promise<ReadPage> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
      [after.toString(), limit],
    );
    const events = rows.map(toStoredEvent);
    const nextPosition = events.length > 0 ? events[events.length - 1]!.position : after;
    return { events, nextPosition, isEnd: events.length < limit };
  }

  /** `readAll`, each event as its JSON (see `SerializedEvent`). */
  async readAllSerialized(after: bigint, limit: number): Promise<ReadPage<SerializedEvent>> {
    const { rows } = await this.pool.query<SerializedRow>({
      text: SERIALIZED_PAGE_SQL,
      values: [after.toString(), limit],
      rowMode: 'array',
    });
    const events = rows.map(toSerializedEvent);
    const nextPosition = events.length > 0 ? events[events.length - 1]!.position : after;
    return { events, nextPosition, isEnd: events.length < limit };
  }

  async streamHeads(upTo: bigint, categories: readonly Category[]): Promise<StreamHead[]> {
    const { rows } = await this.pool.query<{ stream_id: string; revision: string; position: string }>({
      text: `SELECT DISTINCT ON (e.stream_id) e.stream_id, e.revision::text, e.position::text
               FROM events e JOIN streams s ON s.stream_id = e.stream_id
              WHERE e.position <= $1 AND s.category = ANY($2::text[])
              ORDER BY e.stream_id, e.revision DESC`,
      values: [upTo.toString(), [...categories]],
    });
    return rows.map((row) => ({ streamId: row.stream_id, revision: BigInt(row.revision), position: BigInt(row.position) }));
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM event_log_head');
    return BigInt(rows[0]?.position ?? 0);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return PostgresSubscription.start((after, limit) => this.readAll(after, limit), this.pool, options);
  }

  subscribeSerialized(options: SubscribeOptions<SerializedEvent>): Subscription {
    return PostgresSubscription.start((after, limit) => this.readAllSerialized(after, limit), this.pool, options);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1 FROM event_log_head');
  }

  /** The pool belongs to whoever created it (the database module, or a test). */
  async close(): Promise<void> {}

  /**
   * The fallback when other writers keep getting in between the read and the write of an append:
   * the head lock first, then the read, so nothing can come between them.
   */
  private appendLocked(writes: StreamWrite[], keys: AppendKeys): Promise<AppendOutcome[]> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT position FROM event_log_head FOR UPDATE');
      const plan = planAppend(writes, 0n, ...(await this.appendState(client, keys)));
      if (plan.rows.length === 0) return plan.outcomes;
      return placeAfter(plan, ...(await this.place(client, plan)));
    });
  }

  private async appendState(
    db: Queryable,
    keys: AppendKeys,
    assumeNew = false,
  ): Promise<[Map<string, ExistingEvent>, Map<string, bigint>]> {
    const { rows } = await db.query<AppendStateRow>({
      name: 'vigil-append-state',
      text: APPEND_STATE_SQL,
      values: [assumeNew ? [] : keys.eventIds, keys.streamIds],
    });
    const { existing, revisions } = toAppendState(rows);
    return [existing, revisions];
  }

  /** Writes the plan's rows after the head; answers the head they were placed after and the relative streams' shifts. */
  private async place(db: Queryable, plan: AppendPlan): Promise<[bigint, Map<string, bigint>]> {
    const { rows } = await db.query<PlacedRow>({
      name: 'vigil-place-rows',
      text: PLACE_ROWS_SQL,
      values: placeRowsParams(plan, this.clock(), EVENTS_CHANNEL),
    });
    return [BigInt(rows[0]!.base), revisionShifts(rows[0]!)];
  }
}

type Queryable = Pick<Pool, 'query'> | PoolClient;

interface AppendKeys {
  eventIds: string[];
  streamIds: string[];
}

function appendKeys(writes: StreamWrite[]): AppendKeys {
  return {
    eventIds: writes.flatMap((write) => write.events.map((event) => event.envelope.eventId)),
    streamIds: [...new Set(writes.map((write) => write.streamId))],
  };
}
