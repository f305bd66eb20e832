import { Pool } from 'pg';
import type { SerializedEvent } from '../event-store.port';
import { serializeEvent } from '../serialized-event';
import {
  appended,
  arrestMade,
  caseCleared,
  caseOpened,
  eventually,
  newCase,
  withData,
  write,
} from '../testing/contract-fixtures';
import { PostgresEventStore } from './postgres-event-store';

// The relay's reading of the log: each event as JSON rendered from the stored text, never parsed.
describe('PostgreSQL event store: the log serialized', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const store = new PostgresEventStore(pool);
  afterAll(() => pool.end());

  /** Data whose JSON text is easy to get wrong: escapes, non-ASCII, numbers written oddly. */
  const awkward = {
    caseId: 'quote " backslash \\ tab \t newline \n',
    unitId: 'Hà Nội — 東京 — 🚓',
    category: 'drugs',
    severity: 'serious',
    nested: { list: [1, 1.5, -0.25, 1e21, 123456.789], empty: {}, none: null, yes: true },
  };

  it('renders every event as the JSON of the stored event, with the message fields beside it', async () => {
    const { caseId, streamId } = newCase();
    const head = await store.headPosition();
    const events = [withData(caseOpened(caseId), awkward), arrestMade(caseId, 2), caseCleared(caseId)];
    const placed = (await store.appendMany([write(streamId, 'no_stream', events)])).map(appended);

    const serialized = (await store.readAllSerialized(head, 1_000)).events.filter((e) => e.streamId === streamId);
    const stored = (await store.readAll(head, 1_000)).events.filter((e) => e.streamId === streamId);

    expect(serialized.map((e) => e.position)).toEqual(placed.map((o) => o.position));
    const parsed = (event: SerializedEvent) => ({ ...event, json: JSON.parse(event.json) as unknown });
    expect(serialized.map(parsed)).toEqual(stored.map(serializeEvent).map(parsed));
    expect(serialized[0]!.correlationId).toBe('corr-contract');
    expect(serialized[1]).not.toHaveProperty('correlationId');
    expect(JSON.parse(serialized[0]!.json).recordedAt).toBe(stored[0]!.recordedAt);
  });

  it('formats the recording time as Date.toISOString does, microseconds truncated', async () => {
    const { rows } = await pool.query<[string]>({
      text: `SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM unnest($1::timestamptz[]) AS t`,
      values: [['2024-02-29 23:59:59.999999+00', '2025-07-01 06:30:00.0005+07', '2024-01-01 00:00:00+00']],
      rowMode: 'array',
    });
    expect(rows.map((row) => row[0])).toEqual([
      '2024-02-29T23:59:59.999Z',
      '2025-06-30T23:30:00.000Z',
      '2024-01-01T00:00:00.000Z',
    ]);
  });

  it('follows the log serialized, in pages of at most batchSize', async () => {
    const { caseId, streamId } = newCase();
    const head = await store.headPosition();
    const events = [caseOpened(caseId), arrestMade(caseId, 1), arrestMade(caseId, 2), arrestMade(caseId, 3), caseCleared(caseId)];
    const placed = (await store.appendMany([write(streamId, 'no_stream', events)])).map(appended);
    const received: SerializedEvent[] = [];
    const subscription = store.subscribeSerialized({
      after: head,
      batchSize: 2,
      handle: async (batch) => {
        expect(batch.length).toBeLessThanOrEqual(2);
        received.push(...batch.filter((e) => e.streamId === streamId));
      },
    });
    try {
      await eventually(() => received.length >= placed.length, 'every event delivered');
    } finally {
      await subscription.stop();
    }
    expect(received.map((e) => JSON.parse(e.json).eventId)).toEqual(placed.map((o) => o.eventId));
  });
});
