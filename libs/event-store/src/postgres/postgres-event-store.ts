import type { StoredEvent } from '@vigil/contract';
import { categoryOfStream } from '@vigil/contract';
import type { Pool, PoolClient } from 'pg';
import type {
  AppendOutcome,
  EventStore,
  ReadPage,
  SerializedEvent,
  StreamWrite,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { type ExistingEvent, planAppend, type NewRow } from './append-plan';
import { EVENT_COLUMNS, type EventRow, toStoredEvent } from './rows';
import { PostgresSubscription } from './postgres-subscription';
import { SERIALIZED_PAGE_SQL, type SerializedRow, toSerializedEvent } from './serialized-rows';

export const EVENTS_CHANNEL = 'vigil_events';

/**
 * The default event store. Every append takes the single row lock on `event_log_head` first:
 * positions are then handed out, and committed, in order — the global log never shows a
 * position before every lower one is visible. A whole batch is one transaction.
 */
export class PostgresEventStore implements EventStore {
  constructor(
    private readonly pool: Pool,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async appendMany(writes: StreamWrite[]): Promise<AppendOutcome[]> {
    if (writes.every((write) => write.events.length === 0)) return [];
    return this.transaction(async (client) => {
      const head = await client.query<{ position: string }>('SELECT position FROM event_log_head FOR UPDATE');
      const eventIds = writes.flatMap((write) => write.events.map((event) => event.envelope.eventId));
      const streamIds = [...new Set(writes.map((write) => write.streamId))];
      const [existing, revisions] = await Promise.all([this.existing(client, eventIds), this.revisions(client, streamIds)]);
      const plan = planAppend(writes, BigInt(head.rows[0]!.position), existing, revisions);
      if (plan.rows.length > 0) {
        await this.insertEvents(client, plan.rows, this.clock());
        await this.upsertStreams(client, plan.streamRevisions);
        const last = plan.rows[plan.rows.length - 1]!.position;
        await client.query('UPDATE event_log_head SET position = $1', [last.toString()]);
        await client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, last.toString()]);
      }
      return plan.outcomes;
    });
  }

  async findByEventIds(eventIds: string[]): Promise<Map<string, StoredEvent>> {
    if (eventIds.length === 0) return new Map();
    const { rows } = await this.pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[])`, [
      eventIds,
    ]);
    return new Map(rows.map((row) => [row.event_id, toStoredEvent(row)]));
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return (await this.readStreams([streamId])).get(streamId) ?? [];
  }

  async readStreams(streamIds: string[]): Promise<Map<string, StoredEvent[]>> {
    const result = new Map<string, StoredEvent[]>();
    if (streamIds.length === 0) return result;
    const { rows } = await this.pool.query<EventRow>(
      // One index range scan per stream, whatever the planner's statistics say.
      `SELECT e.* FROM unnest($1::text[]) AS s(id)
       CROSS JOIN LATERAL (SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = s.id ORDER BY revision) e`,
      [streamIds],
    );
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

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async existing(client: PoolClient, eventIds: string[]): Promise<Map<string, ExistingEvent>> {
    const { rows } = await client.query<{
      event_id: string;
      stream_id: string;
      revision: string;
      position: string;
      content_hash: string;
    }>('SELECT event_id, stream_id, revision, position, content_hash FROM events WHERE event_id = ANY($1::uuid[])', [eventIds]);
    return new Map(
      rows.map((row) => [
        row.event_id,
        {
          streamId: row.stream_id,
          revision: BigInt(row.revision),
          position: BigInt(row.position),
          contentHash: row.content_hash,
        },
      ]),
    );
  }

  private async revisions(client: PoolClient, streamIds: string[]): Promise<Map<string, bigint>> {
    const { rows } = await client.query<{ stream_id: string; revision: string }>(
      'SELECT stream_id, revision FROM streams WHERE stream_id = ANY($1::text[])',
      [streamIds],
    );
    return new Map(rows.map((row) => [row.stream_id, BigInt(row.revision)]));
  }

  /** One statement for the whole batch: arrays unnested server-side. */
  private async insertEvents(client: PoolClient, rows: NewRow[], recordedAt: Date): Promise<void> {
    await client.query(
      `INSERT INTO events (position, event_id, stream_id, revision, type, occurred_at, recorded_at, data, metadata, content_hash)
       SELECT p, e, s, r, t, o, $10, d::jsonb, m::jsonb, h
       FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS u(p, e, s, r, t, o, d, m, h)`,
      [
        rows.map((row) => row.position.toString()),
        rows.map((row) => row.eventId),
        rows.map((row) => row.streamId),
        rows.map((row) => row.revision.toString()),
        rows.map((row) => row.event.envelope.type),
        rows.map((row) => row.event.envelope.occurredAt),
        rows.map((row) => JSON.stringify(row.event.envelope.data)),
        rows.map((row) => JSON.stringify({ ...(row.event.envelope.metadata ?? {}), principal: row.event.principal })),
        rows.map((row) => row.contentHash),
        recordedAt,
      ],
    );
  }

  private async upsertStreams(client: PoolClient, revisions: Map<string, bigint>): Promise<void> {
    const ids = [...revisions.keys()];
    await client.query(
      `INSERT INTO streams (stream_id, category, revision)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
       ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision`,
      [ids, ids.map((id) => categoryOfStream(id)), ids.map((id) => revisions.get(id)!.toString())],
    );
  }
}
