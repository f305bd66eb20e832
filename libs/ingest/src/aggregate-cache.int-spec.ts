import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@vigil/contract';
import type { UnitState } from '@vigil/domain';
import { type EventStore, PostgresEventStore } from '@vigil/event-store';
import { Pool } from 'pg';
import { AggregateCache } from './aggregate-cache';
import { UnitParentHints } from './unit-parent-hints';

// A unit and its ancestors are read in as few round trips as the hints allow, and always as stored.
describe('AggregateCache: units with their ancestors', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const store = new PostgresEventStore(pool);
  afterAll(() => pool.end());

  const principal = { role: 'operator', unit: 'VN' };

  /** The real store, counting the reads the cache makes. */
  function counting(): { store: EventStore; reads: string[][] } {
    const reads: string[][] = [];
    const spy = Object.create(store) as EventStore;
    spy.readStreams = (ids) => {
      reads.push(ids);
      return store.readStreams(ids);
    };
    return { store: spy, reads };
  }

  const event = (envelope: Omit<EventEnvelope, 'eventId' | 'occurredAt'>) => ({
    envelope: { eventId: randomUUID(), occurredAt: '2024-01-01T00:00:00Z', ...envelope } as EventEnvelope,
    principal,
  });
  const registered = (unitId: string, level: string, parentUnitId: string | null) =>
    event({ type: 'UnitRegistered', data: { unitId, name: unitId, level, parentUnitId } } as never);

  async function tree() {
    const tag = randomUUID().slice(0, 8);
    const [ministry, province, other, district, commune] = ['M', 'P', 'Q', 'D', 'C'].map((name) => `T${tag}-${name}`) as [
      string,
      string,
      string,
      string,
      string,
    ];
    await store.appendMany([
      { streamId: `unit-${ministry}`, expectedRevision: 'no_stream', events: [registered(ministry, 'ministry', null)] },
      { streamId: `unit-${province}`, expectedRevision: 'no_stream', events: [registered(province, 'province', ministry)] },
      { streamId: `unit-${other}`, expectedRevision: 'no_stream', events: [registered(other, 'province', ministry)] },
      { streamId: `unit-${district}`, expectedRevision: 'no_stream', events: [registered(district, 'district', province)] },
      { streamId: `unit-${commune}`, expectedRevision: 'no_stream', events: [registered(commune, 'commune', district)] },
    ]);
    return { ministry, province, other, district, commune };
  }

  const parents = (cache: AggregateCache) =>
    new Map(
      [...cache.units()].map(([id, unit]: [string, UnitState]) => [
        id,
        unit.status === 'initial' ? 'initial' : unit.parentUnitId,
      ]),
    );

  it('reads one level per round trip at first, then the whole chain in one once the hints know it', async () => {
    const { ministry, province, district, commune } = await tree();
    const hints = new UnitParentHints();

    const cold = counting();
    const first = new AggregateCache(cold.store, hints);
    await first.loadUnitsWithAncestors([commune]);
    expect(cold.reads).toEqual([[`unit-${commune}`], [`unit-${district}`], [`unit-${province}`], [`unit-${ministry}`]]);

    const warm = counting();
    const second = new AggregateCache(warm.store, hints);
    await second.loadUnitsWithAncestors([commune]);
    expect(warm.reads).toEqual([[`unit-${commune}`, `unit-${district}`, `unit-${province}`, `unit-${ministry}`]]);
    expect(parents(second)).toEqual(
      new Map<string, string | null>([
        [commune, district],
        [district, province],
        [province, ministry],
        [ministry, null],
      ]),
    );
  });

  it('follows the tree as stored when the hints are stale: a district moved to another province', async () => {
    const { ministry, province, other, district, commune } = await tree();
    const hints = new UnitParentHints();
    await new AggregateCache(store, hints).loadUnitsWithAncestors([commune]);
    await store.appendMany([
      {
        streamId: `unit-${district}`,
        expectedRevision: 0n,
        events: [event({ type: 'UnitReassigned', data: { unitId: district, parentUnitId: other } } as never)],
      },
    ]);

    const after = counting();
    const cache = new AggregateCache(after.store, hints);
    await cache.loadUnitsWithAncestors([commune]);

    expect(after.reads).toEqual([
      [`unit-${commune}`, `unit-${district}`, `unit-${province}`, `unit-${ministry}`],
      [`unit-${other}`],
    ]);
    expect(parents(cache).get(district)).toBe(other);
    expect(parents(cache).get(other)).toBe(ministry);
  });

  it('reads a batch’s streams with the named units and their hinted ancestors in one call', async () => {
    const { ministry, province, district, commune } = await tree();
    const hints = new UnitParentHints();
    await new AggregateCache(store, hints).loadUnitsWithAncestors([commune]);
    const cache = new AggregateCache(store, hints);

    expect(cache.unitStreamsWithHintedAncestors([commune, 'nowhere'])).toEqual([
      `unit-${commune}`,
      `unit-${district}`,
      `unit-${province}`,
      `unit-${ministry}`,
      'unit-nowhere',
    ]);
  });
});
