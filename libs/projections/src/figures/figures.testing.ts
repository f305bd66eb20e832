import { randomUUID } from 'node:crypto';
import { streamOf, type EventDataOf, type EventType, type StoredEvent } from '@vigil/contract';
import { inTransaction } from '@vigil/platform';
import type { Pool } from 'pg';
import { createQueryIndexes } from '../versions/version-tables';
import { directiveProgress } from './read/directive-progress';
import { figuresProjection } from './figures.projection';
import { unitStats } from './read/unit-stats';

/** A fresh schema with the figures tables and their query indexes, dropped by `drop`. */
export async function freshFiguresSchema(pool: Pool): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `rm_figures_test_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const client = await pool.connect();
  try {
    await figuresProjection.createTables(client, schema);
    await createQueryIndexes(client, figuresProjection, schema);
  } finally {
    client.release();
  }
  return { schema, drop: async () => void (await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)) };
}

/** Builds stored events as the store would: revisions per stream, a global position, recordedAt as given. */
export class StoredEvents {
  private position = 0n;
  private readonly revisions = new Map<string, bigint>();

  event<T extends EventType>(type: T, data: EventDataOf<T>, occurredAt: string, recordedAt: string): StoredEvent<T> {
    const { streamId } = streamOf({ type, data } as never);
    const revision = this.revisions.get(streamId) ?? 0n;
    this.revisions.set(streamId, revision + 1n);
    this.position += 1n;
    return {
      eventId: randomUUID(),
      type,
      occurredAt,
      data,
      metadata: { principal: { role: 'upstream', unit: 'VN', subject: 'jest' } },
      streamId,
      revision,
      position: this.position,
      recordedAt: new Date(recordedAt).toISOString(),
    } as unknown as StoredEvent<T>;
  }
}

/** Applies events in one transaction, as the runner does. */
export async function applyEvents(pool: Pool, schema: string, events: readonly StoredEvent[]): Promise<void> {
  await inTransaction(pool, (client) => figuresProjection.apply(client, schema, events));
}

/**
 * When the mixed workload's events of day n were recorded: at 03:00 plus hours, minutes, seconds and
 * milliseconds that differ from day to day, so that `asOf` reads every knowledge level (known-levels.ts).
 */
const recordedOnDay = (n: number) => Date.UTC(2024, 0, 1, 3) + n * 86_400_000 + ((n * 7_654_321) % 72_000_000);

/** A few hundred events over every category, valid for every projection, as the store numbers them. */
export function mixedWorkload(): StoredEvent[] {
  const stored = new StoredEvents();
  const e = stored.event.bind(stored);
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1, 2) + n * 86_400_000).toISOString();
  const known = (n: number) => new Date(recordedOnDay(n)).toISOString();
  const communes = ['VN-P1-C1', 'VN-P1-C2', 'VN-P2-C3', 'VN-P2-C4'];
  const events: StoredEvent[] = [
    e('UnitRegistered', { unitId: 'VN', name: 'Ministry', level: 'ministry', parentUnitId: null }, day(0), known(0)),
    ...['VN-P1', 'VN-P2'].map((unitId) =>
      e('UnitRegistered', { unitId, name: unitId, level: 'province', parentUnitId: 'VN' }, day(0), known(0)),
    ),
    ...communes.map((unitId) =>
      e('UnitRegistered', { unitId, name: unitId, level: 'commune', parentUnitId: unitId.slice(0, 5) }, day(0), known(0)),
    ),
    e('DirectiveIssued', { directiveId: 'D1', code: 'D1/2024', title: 'Plan 2024', issuedByUnitId: 'VN' }, day(1), known(1)),
    e(
      'TargetSet',
      {
        directiveId: 'D1',
        targetId: 'T-EID',
        unitId: 'VN',
        metric: 'indicator.ratio',
        filter: { indicator: 'eid' },
        comparator: 'atLeast',
        value: 90,
        periodStart: '2024-01-01',
        periodEnd: '2024-12-31',
      },
      day(1),
      known(1),
    ),
    ...(['cases.opened', 'cases.prosecutionRate'] as const).map((metric, index) =>
      e(
        'TargetSet',
        {
          directiveId: 'D1',
          targetId: `T${index}`,
          unitId: 'VN-P1',
          metric,
          comparator: 'atLeast',
          value: 10 + index * 40,
          periodStart: '2024-01-01',
          periodEnd: '2024-12-31',
        },
        day(1),
        known(1),
      ),
    ),
  ];
  for (let index = 0; index < 60; index++) {
    const caseId = `K${index}`;
    const unitId = communes[index % communes.length]!;
    const start = 2 + (index % 200);
    events.push(e('CaseOpened', { caseId, unitId, category: 'drugs', severity: 'serious' }, day(start), known(start)));
    if (index % 2 === 0) {
      const arrest = { caseId, arrestId: `${caseId}-A`, persons: 1 + (index % 4) };
      events.push(e('ArrestMade', arrest, day(start + 1), known(start + 1)));
    }
    if (index % 11 === 0) {
      events.push(e('CaseReclassified', { caseId, severity: 'very_serious' }, day(start + 2), known(start + 2)));
    }
    if (index % 3 === 0) events.push(e('CaseCleared', { caseId }, day(start + 3), known(start + 3)));
    if (index % 5 === 0) events.push(e('CaseProsecuted', { caseId, defendants: 2 }, day(start + 4), known(start + 4)));
    if (index % 7 === 1) events.push(e('CaseVoided', { caseId, reason: 'entered twice' }, day(start + 5), known(start + 5)));
  }
  for (let index = 0; index < 12; index++) {
    const hotspotId = `H${index}`;
    const unitId = communes[index % communes.length]!;
    const start = 3 + index * 10;
    const identified = { hotspotId, unitId, kind: 'drug_hotspot' as const, name: hotspotId };
    events.push(e('HotspotIdentified', identified, day(start), known(start)));
    if (index % 3 === 2) {
      events.push(e('HotspotEliminated', { hotspotId }, day(start + 1), known(start + 1)));
      continue;
    }
    events.push(e('HotspotListed', { hotspotId, year: 2024 }, day(start + 1), known(start + 1)));
    if (index % 3 === 1) events.push(e('HotspotTransformed', { hotspotId }, day(start + 2), known(start + 2)));
    if (index % 6 === 1) events.push(e('HotspotRelapsed', { hotspotId }, day(start + 3), known(start + 3)));
  }
  for (const [index, unitId] of communes.entries()) {
    events.push(e('WeaponsCollected', { unitId, items: 1 + index, kind: 'firearm' }, day(20 + index), known(20 + index)));
    events.push(e('IncidentRecorded', { unitId, kind: 'traffic_accident', deaths: index, injuries: 2 }, day(30), known(30)));
  }
  for (const [index, unitId] of [...communes, 'VN-P1'].entries()) {
    const reading = { unitId, indicator: 'eid', value: 500 + 100 * index, denominator: 1_000 };
    events.push(e('IndicatorMeasured', reading, day(40 + index), known(40 + index)));
    events.push(e('IndicatorMeasured', { ...reading, value: reading.value + 50 }, day(140 + index), known(140 + index)));
  }
  events.push(e('TargetRevised', { directiveId: 'D1', targetId: 'T0', value: 12 }, day(90), known(90)));
  events.push(e('UnitReassigned', { unitId: 'VN-P2-C4', parentUnitId: 'VN-P1' }, day(100), known(100)));
  // Recorded late: from day 50 on, C2 was under the other province; known only on day 120.
  events.push(e('UnitReassigned', { unitId: 'VN-P1-C2', parentUnitId: 'VN-P2' }, day(50), known(120)));
  return events;
}

/**
 * What the figures answer (CONTRACT.md §5) for each level of the mixed workload's tree, now and as of
 * earlier moments, by name (`<moment> stats <unit> <from>..<to>`, `<moment> progress [unit] [at]`).
 */
export async function figuresAnswers(
  pool: Pool,
  schema: string,
  options: { fromFacts?: boolean } = {},
): Promise<Record<string, unknown>> {
  const timeZone = 'Asia/Ho_Chi_Minh';
  const answers: Record<string, unknown> = {};
  const moments = [
    ...['2024-02-15', '2024-05-15', '2024-06-01', '2025-06-01'].map((date) => ({
      name: date,
      asOf: new Date(`${date}T00:00:00Z`),
    })),
    // Inside a day: at the very instant cases and the late move were recorded, and the millisecond before a move.
    { name: 'as cases of day 61 were recorded', asOf: new Date(recordedOnDay(61)) },
    { name: 'as the late move was recorded', asOf: new Date(recordedOnDay(120)) },
    { name: 'just before the move of day 100', asOf: new Date(recordedOnDay(100) - 1) },
    // Now: the current sums (every event above is recorded by then).
    { name: 'now', asOf: new Date('2030-01-01T00:00:00Z'), current: true },
  ];
  for (const { name, ...moment } of moments) {
    for (const unitId of ['VN', 'VN-P1', 'VN-P2', 'VN-P1-C1']) {
      for (const [from, to] of [
        ['2024-01-01', '2024-12-31'],
        ['2024-02-10', '2024-05-20'],
      ] as const) {
        answers[`${name} stats ${unitId} ${from}..${to}`] = await unitStats(pool, schema, {
          unitId,
          from,
          to,
          timeZone,
          ...moment,
          ...options,
        });
      }
      answers[`${name} progress ${unitId}`] = await directiveProgress(pool, schema, 'D1', {
        timeZone,
        unitId,
        ...moment,
        ...options,
      });
    }
    answers[`${name} progress`] = await directiveProgress(pool, schema, 'D1', { timeZone, ...moment, ...options });
    answers[`${name} progress at 2024-04-30`] = await directiveProgress(pool, schema, 'D1', {
      timeZone,
      at: '2024-04-30',
      ...moment,
      ...options,
    });
  }
  return answers;
}
