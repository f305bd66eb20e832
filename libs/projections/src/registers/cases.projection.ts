import type { CaseCategory, CaseSeverity, CategoryEvent, StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { type ApplyMode, type Projection, UnapplicableEventError } from '../projection';
import { RebuildRows } from '../rebuild/rebuild-rows';
import { foldRows } from './fold-rows';

import { CASE_STATUSES } from '@vigil/contract';

export { CASE_STATUSES };
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** One case of the register; instants are the events' `occurredAt`. */
export interface CaseRow {
  caseId: string;
  unitId: string;
  category: CaseCategory;
  severity: CaseSeverity;
  status: CaseStatus;
  openedAt: string;
  clearedAt: string | null;
  prosecutedAt: string | null;
  voidedAt: string | null;
  arrests: number;
  persons: number;
  defendants: number;
  lastRevision: bigint;
}

type CaseEvent = StoredEvent & CategoryEvent<'cases'>;

/** The furthest a case got: voided over prosecuted over cleared over open. */
function statusOf(row: Pick<CaseRow, 'clearedAt' | 'prosecutedAt' | 'voidedAt'>): CaseStatus {
  if (row.voidedAt) return 'voided';
  if (row.prosecutedAt) return 'prosecuted';
  return row.clearedAt ? 'cleared' : 'open';
}

export function evolveCaseRow(row: CaseRow | undefined, event: CaseEvent): CaseRow {
  if (event.type === 'CaseOpened') {
    if (row) throw new UnapplicableEventError(event, `case ${event.data.caseId} is already in the register`);
    const { caseId, unitId, category, severity } = event.data;
    const opened = { clearedAt: null, prosecutedAt: null, voidedAt: null };
    return {
      caseId,
      unitId,
      category,
      severity,
      status: 'open',
      openedAt: event.occurredAt,
      ...opened,
      arrests: 0,
      persons: 0,
      defendants: 0,
      lastRevision: event.revision,
    };
  }
  if (!row) throw new UnapplicableEventError(event, `case ${event.data.caseId} has not been opened`);
  // As in the case aggregate, a voided case takes nothing more.
  if (row.status === 'voided') return { ...row, lastRevision: event.revision };
  const next = { ...changed(row, event), lastRevision: event.revision };
  return { ...next, status: statusOf(next) };
}

function changed(row: CaseRow, event: Exclude<CaseEvent, { type: 'CaseOpened' }>): CaseRow {
  switch (event.type) {
    case 'CaseCleared':
      return { ...row, clearedAt: event.occurredAt };
    case 'ArrestMade':
      return { ...row, arrests: row.arrests + 1, persons: row.persons + event.data.persons };
    case 'CaseProsecuted':
      return { ...row, prosecutedAt: event.occurredAt, defendants: row.defendants + event.data.defendants };
    case 'CaseReclassified':
      return { ...row, category: event.data.category ?? row.category, severity: event.data.severity ?? row.severity };
    case 'CaseVoided':
      return { ...row, voidedAt: event.occurredAt };
  }
}

export const CASE_COLUMNS = `case_id, unit_id, category, severity, status, opened_at, cleared_at, prosecuted_at, voided_at,
  arrests, persons, defendants, last_revision`;

export function caseFromRecord(record: Record<string, unknown>): CaseRow {
  const iso = (value: unknown) => (value ? (value as Date).toISOString() : null);
  return {
    caseId: record.case_id as string,
    unitId: record.unit_id as string,
    category: record.category as CaseCategory,
    severity: record.severity as CaseSeverity,
    status: record.status as CaseStatus,
    openedAt: iso(record.opened_at)!,
    clearedAt: iso(record.cleared_at),
    prosecutedAt: iso(record.prosecuted_at),
    voidedAt: iso(record.voided_at),
    arrests: record.arrests as number,
    persons: record.persons as number,
    defendants: record.defendants as number,
    lastRevision: BigInt(record.last_revision as string),
  };
}

export const casesProjection: Projection = {
  name: 'cases',
  codeVersion: 1,
  categories: ['cases'],

  async createTables(client: PoolClient, schema: string) {
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${schema}.cases (
        case_id       text PRIMARY KEY,
        unit_id       text NOT NULL,
        category      text NOT NULL,
        severity      text NOT NULL,
        status        text NOT NULL,
        opened_at     timestamptz NOT NULL,
        cleared_at    timestamptz,
        prosecuted_at timestamptz,
        voided_at     timestamptz,
        arrests       int NOT NULL,
        persons       int NOT NULL,
        defendants    int NOT NULL,
        last_revision bigint NOT NULL
      ) WITH (fillfactor = 70); -- rewritten as the case's events come: room for in-place (HOT) updates`);
  },
  queryIndexes: (schema: string) => [`CREATE INDEX IF NOT EXISTS cases_by_unit ON ${schema}.cases (unit_id, case_id)`],

  async apply(client: PoolClient, schema: string, events: readonly StoredEvent[], mode?: ApplyMode) {
    const memory = mode?.memory;
    await foldRows(
      events as readonly CaseEvent[],
      (event) => event.data.caseId,
      async (caseIds) => {
        if (memory) return CASE_ROWS.load(client, schema, memory, caseIds);
        const { rows } = await client.query(`SELECT ${CASE_COLUMNS} FROM ${schema}.cases WHERE case_id = ANY($1::text[])`, [
          caseIds,
        ]);
        return new Map(rows.map((record) => [record.case_id as string, caseFromRecord(record)]));
      },
      evolveCaseRow,
      async (rows) => {
        if (memory) return CASE_ROWS.save(client, schema, memory, rows);
        await client.query(upsertCases(schema, 'jsonb_to_recordset($1::jsonb)'), [JSON.stringify(rows.map(caseJson))]);
      },
    );
  },

  // A rebuild's pages kept the rows (`CASE_ROWS`): each case's last one into the table, in one statement.
  finishRebuild: (schema: string) => [
    async (client: PoolClient) => {
      await client.query(
        upsertCases(schema, `(${CASE_ROWS.latest(schema)}) AS latest CROSS JOIN LATERAL jsonb_to_record(latest.body::jsonb)`),
      );
    },
  ],
};

const caseJson = (row: CaseRow) => ({ ...row, lastRevision: row.lastRevision.toString() });

/** The cases a rebuild keeps, as JSON text (instants as ISO text, the revision as a string). */
const CASE_ROWS = new RebuildRows<CaseRow>(
  'cases',
  (row) => row.caseId,
  (row) => JSON.stringify(caseJson(row)),
  (text) => {
    const row = JSON.parse(text) as CaseRow & { lastRevision: string };
    return { ...row, lastRevision: BigInt(row.lastRevision) };
  },
);

/** Upserts cases from `source`, a set of records with the fields of `CaseRow` (as JSON names). */
function upsertCases(schema: string, source: string): string {
  return `INSERT INTO ${schema}.cases (${CASE_COLUMNS})
    SELECT r."caseId", r."unitId", r.category, r.severity, r.status, r."openedAt", r."clearedAt", r."prosecutedAt",
      r."voidedAt", r.arrests, r.persons, r.defendants, r."lastRevision"
    FROM ${source} AS r ("caseId" text, "unitId" text, category text, severity text, status text,
      "openedAt" timestamptz, "clearedAt" timestamptz, "prosecutedAt" timestamptz, "voidedAt" timestamptz,
      arrests int, persons int, defendants int, "lastRevision" bigint)
    ON CONFLICT (case_id) DO UPDATE SET unit_id = excluded.unit_id, category = excluded.category,
      severity = excluded.severity, status = excluded.status, opened_at = excluded.opened_at,
      cleared_at = excluded.cleared_at, prosecuted_at = excluded.prosecuted_at, voided_at = excluded.voided_at,
      arrests = excluded.arrests, persons = excluded.persons, defendants = excluded.defendants,
      last_revision = excluded.last_revision`;
}
