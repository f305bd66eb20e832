import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { UnapplicableEventError } from '../projection';
import { insertRows } from './bulk-insert';
import { quoted } from './figures.tables';
import { foldVersions, groupBy } from './knowledge-versions';
import {
  arrestContribution,
  arrestsMove,
  caseContribution,
  type CountedArrest,
  type CountedCase,
  type RollupDelta,
} from './rollup-deltas';

type CaseEvent = StoredEvent<'CaseOpened' | 'CaseCleared' | 'ArrestMade' | 'CaseProsecuted' | 'CaseReclassified' | 'CaseVoided'>;

/** A case's current version: what counts (`CountedCase`) and which case it is. */
interface CaseFact extends CountedCase {
  readonly caseId: string;
}

function evolveCase(fact: CaseFact | undefined, event: CaseEvent): CaseFact | undefined {
  if (event.type === 'CaseOpened') {
    if (fact !== undefined) throw new UnapplicableEventError(event, `case ${event.data.caseId} is already open`);
    const { caseId, unitId, category, severity } = event.data;
    return {
      caseId,
      unitId,
      openedAt: event.occurredAt,
      category,
      severity,
      clearedAt: null,
      prosecutedAt: null,
      defendants: null,
      voided: false,
    };
  }
  if (fact === undefined) throw new UnapplicableEventError(event, `case ${event.data.caseId} was never opened`);
  switch (event.type) {
    case 'CaseCleared':
      return { ...fact, clearedAt: event.occurredAt };
    case 'CaseProsecuted':
      return { ...fact, prosecutedAt: event.occurredAt, defendants: event.data.defendants };
    case 'CaseReclassified':
      return { ...fact, category: event.data.category ?? fact.category, severity: event.data.severity ?? fact.severity };
    case 'CaseVoided':
      return { ...fact, voided: true };
    case 'ArrestMade':
      return fact; // an arrest is a fact of its own (arrests), counted with the case as known at query time
  }
}

const CASE_COLUMNS = [
  { name: 'case_id', type: 'text' },
  { name: 'unit_id', type: 'text' },
  { name: 'opened_at', type: 'timestamptz' },
  { name: 'category', type: 'text' },
  { name: 'severity', type: 'text' },
  { name: 'cleared_at', type: 'timestamptz' },
  { name: 'prosecuted_at', type: 'timestamptz' },
  { name: 'defendants', type: 'integer' },
  { name: 'voided', type: 'boolean' },
  { name: 'recorded_from', type: 'timestamptz' },
  { name: 'recorded_to', type: 'timestamptz' },
] as const;

const ARREST_COLUMNS = [
  { name: 'case_id', type: 'text' },
  { name: 'arrest_id', type: 'text' },
  { name: 'persons', type: 'integer' },
  { name: 'occurred_at', type: 'timestamptz' },
  { name: 'recorded_at', type: 'timestamptz' },
] as const;

async function currentCases(client: PoolClient, schema: string, caseIds: string[]): Promise<Map<string, CaseFact>> {
  const { rows } = await client.query(
    `SELECT case_id, unit_id, to_json(opened_at) #>> '{}' AS opened_at, category, severity,
            to_json(cleared_at) #>> '{}' AS cleared_at, to_json(prosecuted_at) #>> '{}' AS prosecuted_at, defendants, voided
       FROM ${quoted(schema)}.case_versions WHERE case_id = ANY($1::text[]) AND recorded_to IS NULL`,
    [caseIds],
  );
  return new Map(
    rows.map((row) => [
      row.case_id,
      {
        caseId: row.case_id,
        unitId: row.unit_id,
        openedAt: row.opened_at,
        category: row.category,
        severity: row.severity,
        clearedAt: row.cleared_at,
        prosecutedAt: row.prosecuted_at,
        defendants: row.defendants,
        voided: row.voided,
      },
    ]),
  );
}

/** The arrests already recorded in the cases whose arrests may count elsewhere after this batch (reclassified or voided). */
async function recordedArrests(
  client: PoolClient,
  schema: string,
  byCase: ReadonlyMap<string, readonly CaseEvent[]>,
): Promise<Map<string, CountedArrest[]>> {
  const moved = [...byCase]
    .filter(([, caseEvents]) => caseEvents.some((e) => e.type === 'CaseReclassified' || e.type === 'CaseVoided'))
    .map(([caseId]) => caseId);
  const arrests = new Map<string, CountedArrest[]>();
  if (moved.length === 0) return arrests;
  const { rows } = await client.query(
    `SELECT case_id, persons, to_json(occurred_at) #>> '{}' AS occurred_at FROM ${quoted(schema)}.arrests WHERE case_id = ANY($1::text[])`,
    [moved],
  );
  for (const row of rows)
    arrests.set(row.case_id, [...(arrests.get(row.case_id) ?? []), { persons: row.persons, occurredAt: row.occurred_at }]);
  return arrests;
}

/**
 * What a case's events change in the rollups, event by event: the case's own sums move with each
 * version, and its arrests follow its category, severity and voiding.
 */
export function caseDeltas(
  before: CaseFact | undefined,
  events: readonly CaseEvent[],
  arrests: readonly CountedArrest[],
): RollupDelta[] {
  const deltas: RollupDelta[] = [];
  const known = [...arrests];
  let state = before;
  for (const event of events) {
    const next = evolveCase(state, event);
    const at = event.recordedAt;
    if (event.type === 'ArrestMade') {
      const arrest = { persons: event.data.persons, occurredAt: event.occurredAt };
      known.push(arrest);
      deltas.push(...arrestContribution(next, arrest, 1, at));
    } else if (next !== state) {
      deltas.push(...caseContribution(state, -1, at), ...caseContribution(next, 1, at));
      if (arrestsMove(state, next))
        for (const arrest of known)
          deltas.push(...arrestContribution(state, arrest, -1, at), ...arrestContribution(next, arrest, 1, at));
    }
    state = next;
  }
  return deltas;
}

/** Case events → new case versions (the current one closed) and arrest facts, in three statements; returns their rollup deltas. */
export async function recordCases(client: PoolClient, schema: string, events: readonly CaseEvent[]): Promise<RollupDelta[]> {
  if (events.length === 0) return [];
  const byCase = groupBy(events, (event) => event.data.caseId);
  const current = await currentCases(client, schema, [...byCase.keys()]);
  const arrestsBefore = await recordedArrests(client, schema, byCase);
  const deltas: RollupDelta[] = [];
  const closings: [string, string][] = [];
  const versions: (string | number | boolean | null)[][] = [];
  for (const [caseId, caseEvents] of byCase) {
    deltas.push(...caseDeltas(current.get(caseId), caseEvents, arrestsBefore.get(caseId) ?? []));
    const fold = foldVersions(current.get(caseId), caseEvents, evolveCase);
    if (fold.closedAt !== null) closings.push([caseId, fold.closedAt]);
    for (const { state: c, recordedFrom, recordedTo } of fold.inserted) {
      versions.push([
        c.caseId,
        c.unitId,
        c.openedAt,
        c.category,
        c.severity,
        c.clearedAt,
        c.prosecutedAt,
        c.defendants,
        c.voided,
        recordedFrom,
        recordedTo,
      ]);
    }
  }
  if (closings.length > 0) {
    await client.query(
      // A version recorded at the very instant it is replaced (one posted batch split across Kafka
      // batches) held for no time at all: it is dropped, so the versions never depend on batching.
      `WITH c AS (SELECT * FROM unnest($1::text[], $2::timestamptz[]) AS c(case_id, closed_at)),
            empty AS (DELETE FROM ${quoted(schema)}.case_versions v USING c
                       WHERE v.case_id = c.case_id AND v.recorded_to IS NULL AND v.recorded_from = c.closed_at)
       UPDATE ${quoted(schema)}.case_versions v SET recorded_to = c.closed_at FROM c
        WHERE v.case_id = c.case_id AND v.recorded_to IS NULL AND v.recorded_from <> c.closed_at`,
      [closings.map(([caseId]) => caseId), closings.map(([, closedAt]) => closedAt)],
    );
  }
  await insertRows(client, `${quoted(schema)}.case_versions`, CASE_COLUMNS, versions);
  const arrests = events.filter((event): event is StoredEvent<'ArrestMade'> => event.type === 'ArrestMade');
  await insertRows(
    client,
    `${quoted(schema)}.arrests`,
    ARREST_COLUMNS,
    arrests.map((a) => [a.data.caseId, a.data.arrestId, a.data.persons, a.occurredAt, a.recordedAt]),
    'ON CONFLICT DO NOTHING',
  );
  return deltas;
}
