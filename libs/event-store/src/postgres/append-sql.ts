import { categoryOfStream } from '@vigil/contract';
import type { ExistingEvent, AppendPlan } from './append-plan';

/**
 * What an append needs to know before it plans: the stored events with the ids it carries and the
 * current revision of each stream it writes. One round trip, no lock; each id is an index probe
 * (the subqueries are fenced with OFFSET 0 so the planner cannot turn them into a sequential scan
 * of a table whose statistics are stale).
 */
export const APPEND_STATE_SQL = `
  SELECT e.event_id::text AS event_id, e.stream_id, e.revision, e.position, e.content_hash
  FROM unnest($1::uuid[]) AS q(id)
  CROSS JOIN LATERAL (SELECT event_id, stream_id, revision, position, content_hash FROM events WHERE event_id = q.id OFFSET 0) e
  UNION ALL
  SELECT NULL, s.stream_id, s.revision, NULL, NULL
  FROM unnest($2::text[]) AS q(id)
  CROSS JOIN LATERAL (SELECT stream_id, revision FROM streams WHERE stream_id = q.id OFFSET 0) s`;

export interface AppendStateRow {
  /** Null on a stream's row. */
  event_id: string | null;
  stream_id: string;
  revision: string;
  position: string | null;
  content_hash: string | null;
}

export interface AppendState {
  existing: Map<string, ExistingEvent>;
  revisions: Map<string, bigint>;
}

export function toAppendState(rows: readonly AppendStateRow[]): AppendState {
  const existing = new Map<string, ExistingEvent>();
  const revisions = new Map<string, bigint>();
  for (const row of rows) {
    if (row.event_id === null) revisions.set(row.stream_id, BigInt(row.revision));
    else
      existing.set(row.event_id, {
        streamId: row.stream_id,
        revision: BigInt(row.revision),
        position: BigInt(row.position!),
        contentHash: row.content_hash!,
      });
  }
  return { existing, revisions };
}

/**
 * Places the rows of a plan made at head 0 right after the log head, in one statement and so one
 * implicit transaction: the UPDATE of `event_log_head` takes its row lock and hands out the
 * positions, every write of the statement joins it (so none happens before the lock), and the lock
 * is released when the statement commits, with no round trip to the client in between. Positions
 * therefore stay contiguous and become visible in order (guarantee 4).
 *
 * The plan was made from a read without the lock. If another writer got in between, the unique
 * indexes of `events` say so: revisions are contiguous from 0, so a stream that moved since the
 * read already holds the revision planned next (stream_id, revision), and an event id stored
 * meanwhile repeats (event_id). Either fails the whole statement, writing nothing.
 *
 * Except for the streams written only with 'any' ($8, `AppendPlan.relativeStreams`), which must
 * not fail that way: concurrent appends to one such stream (a unit's measures, in every post of a
 * busy upstream) would otherwise keep failing and retrying, then fall back to the locked append
 * and its round trips under the head lock, which queues every other writer. Their rows carry
 * revisions from 0 and are moved past the stream's head read here, under the head lock: the upsert
 * of `streams` works on the row's latest committed version whatever the statement's snapshot (ON
 * CONFLICT DO UPDATE in READ COMMITTED), and every writer moves that row in this very statement
 * while it holds the head lock, so the head it answers is the stream's last stored revision.
 * `shifts` answers each such stream's first new revision.
 *
 * The events travel as one JSON array, which PostgreSQL parses once, rather than as text arrays of
 * JSON documents escaped value by value.
 */
export const PLACE_ROWS_SQL = `
  WITH head AS (
    UPDATE event_log_head SET position = position + $3 RETURNING position - $3 AS base, position AS last
  ), moved AS (
    INSERT INTO streams (stream_id, category, revision)
    SELECT m.s, m.c, m.r FROM head, unnest($4::text[], $5::text[], $6::bigint[]) AS m(s, c, r)
    ON CONFLICT (stream_id) DO UPDATE SET revision = CASE
      WHEN streams.stream_id = ANY($8::text[]) THEN streams.revision + 1 + EXCLUDED.revision
      ELSE EXCLUDED.revision END
    RETURNING stream_id, revision
  ), shift AS (
    SELECT moved.stream_id AS s, moved.revision - m.r AS by
    FROM moved JOIN unnest($4::text[], $6::bigint[]) AS m(s, r) ON m.s = moved.stream_id
    WHERE moved.stream_id = ANY($8::text[])
  ), placed AS (
    INSERT INTO events (position, event_id, stream_id, revision, type, occurred_at, recorded_at, data, metadata, content_hash)
    SELECT head.base + x.p, x.e, x.s, x.r + coalesce(shift.by, 0), x.t, x.o, $2, x.d, x.m, x.h
    FROM head CROSS JOIN jsonb_to_recordset($1::jsonb) AS x(p bigint, e uuid, s text, r bigint, t text, o text, d jsonb, m jsonb, h text)
    LEFT JOIN shift ON shift.s = x.s
  )
  SELECT base, pg_notify($7, last::text), (SELECT json_object_agg(s, by::text) FROM shift) AS shifts FROM head`;

/** What PLACE_ROWS_SQL answers. */
export interface PlacedRow {
  base: string;
  /** Each relative stream's first new revision; null when the plan has none. */
  shifts: Record<string, string> | null;
}

/** The first new revision of each relative stream, as `placeAfter` takes them. */
export function revisionShifts(placed: PlacedRow): Map<string, bigint> {
  return new Map(Object.entries(placed.shifts ?? {}).map(([streamId, by]) => [streamId, BigInt(by)]));
}

/** The parameters of PLACE_ROWS_SQL for a plan made at head 0. */
export function placeRowsParams(plan: AppendPlan, recordedAt: Date, channel: string): unknown[] {
  const streamIds = [...plan.streamRevisions.keys()];
  return [
    rowsJson(plan),
    recordedAt,
    plan.rows.length,
    streamIds,
    streamIds.map((id) => categoryOfStream(id)),
    streamIds.map((id) => plan.streamRevisions.get(id)!.toString()),
    channel,
    [...plan.relativeStreams],
  ];
}

/**
 * The rows as one JSON array, written piece by piece: each event's data and metadata are
 * serialized as they are, the principal's JSON once per distinct principal. The principal (and
 * the traceparent, when the append was traced) go last in the metadata object; where the metadata had a key `principal` of its own, PostgreSQL
 * keeps the last of the two (jsonb), as `{ ...metadata, principal }` would.
 */
function rowsJson(plan: AppendPlan): string {
  const principals = new Map<unknown, string>();
  let json = '[';
  for (const row of plan.rows) {
    const { envelope, principal, traceparent } = row.event;
    let principalJson = principals.get(principal);
    if (principalJson === undefined) {
      principalJson = JSON.stringify(principal);
      principals.set(principal, principalJson);
    }
    // A traceparent is 55 characters of [0-9a-f-] (TraceparentSchema): nothing to escape.
    if (traceparent) principalJson = `${principalJson},"traceparent":"${traceparent}"`;
    const metadata = envelope.metadata == null ? '{}' : JSON.stringify(envelope.metadata);
    const metadataJson =
      metadata === '{}' ? `{"principal":${principalJson}}` : `${metadata.slice(0, -1)},"principal":${principalJson}}`;
    if (json.length > 1) json += ',';
    json +=
      `{"p":${row.position},"e":${JSON.stringify(row.eventId)},"s":${JSON.stringify(row.streamId)},"r":"${row.revision}",` +
      `"t":${JSON.stringify(envelope.type)},"o":${JSON.stringify(envelope.occurredAt)},` +
      `"d":${JSON.stringify(envelope.data)},"m":${metadataJson},"h":"${row.contentHash}"}`;
  }
  return json + ']';
}

/** A unique index of `events` refused the rows: another writer got in between the read and the write. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
