import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@vigil/contract';
import { type EventStore, PostgresEventStore } from '@vigil/event-store';
import { type AuthPrincipal, Metrics, type VigilConfig } from '@vigil/platform';
import { Pool } from 'pg';
import { IngestService } from './ingest.service';

/**
 * The window of a race, held open: the ingest looks the batch's event ids up and reads its streams
 * at once, and another writer stores the very same events between the two. The look-up then finds
 * nothing and the state already holds them.
 */
function storeWithRivalInBetween(store: EventStore, rival: () => Promise<unknown>): EventStore {
  let rivalDone: Promise<unknown> | undefined;
  const skewed = Object.create(store) as EventStore;
  skewed.findByEventIds = async (ids) => {
    if (rivalDone) return store.findByEventIds(ids);
    const found = await store.findByEventIds(ids);
    rivalDone = rival();
    await rivalDone;
    return found;
  };
  skewed.readStreams = async (ids) => {
    while (!rivalDone) await new Promise((resolve) => setImmediate(resolve));
    await rivalDone;
    return store.readStreams(ids);
  };
  return skewed;
}

describe('IngestService: idempotency first, whatever the state', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const store = new PostgresEventStore(pool);
  const config = { LOG_LEVEL: 'fatal' } as VigilConfig;
  const metrics = new Metrics();
  const operator: AuthPrincipal = { role: 'operator', unit: 'VN', subject: 'jest' };
  const ingestOn = (eventStore: EventStore) => new IngestService(eventStore, metrics, config);
  const unit = `IDEM-${randomUUID().slice(0, 8)}`;
  afterAll(() => pool.end());

  const event = (type: string, data: Record<string, unknown>, occurredAt = '2024-03-01T08:00:00+07:00') =>
    ({ eventId: randomUUID(), type, occurredAt, data }) as EventEnvelope;
  const statuses = (results: { status: string; code?: string }[]) => results.map((result) => result.code ?? result.status);

  beforeAll(async () => {
    const registered = await ingestOn(store).ingest(
      [event('UnitRegistered', { unitId: unit, name: 'Idempotency ministry', level: 'ministry', parentUnitId: null })],
      operator,
    );
    expect(statuses(registered)).toEqual(['appended']);
  });

  function caseEvents() {
    const caseId = `LC-${randomUUID().slice(0, 8)}`;
    return {
      caseId,
      opened: event('CaseOpened', { caseId, unitId: unit, category: 'drugs', severity: 'serious' }),
      arrest: event('ArrestMade', { caseId, arrestId: `${caseId}:A1`, persons: 2 }),
      cleared: event('CaseCleared', { caseId }),
      voided: event('CaseVoided', { caseId, reason: 'opened in error' }),
    };
  }

  it('answers duplicate the events another writer stored between the look-up and the read', async () => {
    const cleared = caseEvents();
    const voided = caseEvents();
    const batch = [cleared.opened, cleared.arrest, cleared.cleared, voided.opened, voided.voided];
    const rival = ingestOn(store);
    let rivalAnswer: { status: string }[] = [];
    const racing = ingestOn(
      storeWithRivalInBetween(store, async () => {
        rivalAnswer = await rival.ingest(batch, operator);
      }),
    );

    const answer = await racing.ingest(batch, operator);

    expect(statuses(rivalAnswer)).toEqual(batch.map(() => 'appended'));
    expect(answer).toEqual(rivalAnswer.map((result) => ({ ...result, status: 'duplicate' })));
  });

  it('answers duplicate a stored CaseOpened re-posted after the case was cleared and voided, whatever the window', async () => {
    const { opened, cleared, voided } = caseEvents();
    const later = ingestOn(store);
    const racing = ingestOn(storeWithRivalInBetween(store, () => later.ingest([opened, cleared, voided], operator)));

    expect(statuses(await racing.ingest([opened, cleared], operator))).toEqual(['duplicate', 'duplicate']);
    expect(statuses(await ingestOn(store).ingest([opened, cleared, voided], operator))).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
  });

  it('answers EVENT_ID_CONFLICT, not a rule, for an id stored meanwhile with other content', async () => {
    const { opened, cleared } = caseEvents();
    const otherDay = { ...cleared, occurredAt: '2024-03-02T08:00:00+07:00' };
    const racing = ingestOn(storeWithRivalInBetween(store, () => ingestOn(store).ingest([opened, cleared], operator)));

    expect(statuses(await racing.ingest([opened, otherDay], operator))).toEqual(['duplicate', 'EVENT_ID_CONFLICT']);
    const { rows } = await pool.query('SELECT occurred_at FROM events WHERE event_id = $1', [cleared.eventId]);
    expect(rows).toEqual([{ occurred_at: cleared.occurredAt }]);
  });
});
