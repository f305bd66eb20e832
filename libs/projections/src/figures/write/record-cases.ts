import type { PoolClient } from 'pg';
import type { RebuildMemory, RebuildPipeline } from '../../projection';
import { RebuildRows } from '../../rebuild/rebuild-rows';
import { quoted } from '../tables';
import { caseDeltas, type CaseEvent, type CaseState } from './case-facts';
import type { FactDelta } from './fact-delta';

function groupByCase(events: readonly CaseEvent[]): Map<string, CaseEvent[]> {
  const groups = new Map<string, CaseEvent[]>();
  for (const event of events) {
    const group = groups.get(event.data.caseId);
    if (group === undefined) groups.set(event.data.caseId, [event]);
    else group.push(event);
  }
  return groups;
}

/** The case states a rebuild keeps in its memory (`RebuildRows`), made into `case_states` at its switch. */
export const REBUILT_CASE_STATES = new RebuildRows<CaseState>(
  'case_states',
  (state) => state.caseId,
  (state) => JSON.stringify(state),
  (text) => JSON.parse(text) as CaseState,
);

/**
 * Evolves each case of the batch from its stored state; saves the new states and returns the fact
 * deltas. A rebuild's pages (`memory`) keep the states in the run's memory instead (a pipelined page
 * hands their append over).
 */
export async function recordCases(
  client: PoolClient,
  schema: string,
  events: readonly CaseEvent[],
  memory?: RebuildMemory,
  pipeline?: RebuildPipeline,
): Promise<FactDelta[]> {
  if (events.length === 0) return [];
  const s = quoted(schema);
  const byCase = groupByCase(events);
  const stored = memory
    ? await REBUILT_CASE_STATES.load(client, s, memory, [...byCase.keys()], pipeline)
    : await readCaseStates(client, s, [...byCase.keys()]);
  const deltas: FactDelta[] = [];
  const states: CaseState[] = [];
  for (const [caseId, caseEvents] of byCase) {
    const { after, deltas: caseDeltasOf } = caseDeltas(stored.get(caseId), caseEvents);
    deltas.push(...caseDeltasOf);
    states.push(after);
  }
  if (memory) {
    await REBUILT_CASE_STATES.save(client, s, memory, states, pipeline);
    return deltas;
  }
  // One JSON object of the states by case id: PostgreSQL hands each state's text back as it was sent,
  // where a text[] of JSON would escape every quote twice. Rows in key order: two batches never deadlock.
  const byId = `{${states.map((state) => `${JSON.stringify(state.caseId)}:${JSON.stringify(state)}`).join(',')}}`;
  await client.query(
    `INSERT INTO ${s}.case_states (case_id, state) SELECT key, value FROM json_each_text($1::json) ORDER BY key COLLATE "C"
     ON CONFLICT (case_id) DO UPDATE SET state = excluded.state`,
    [byId],
  );
  return deltas;
}

async function readCaseStates(client: PoolClient, s: string, caseIds: readonly string[]): Promise<Map<string, CaseState>> {
  const { rows } = await client.query<{ case_id: string; state: string }>(
    `SELECT case_id, state FROM ${s}.case_states WHERE case_id = ANY($1::text[])`,
    [caseIds],
  );
  return new Map(rows.map((row) => [row.case_id, JSON.parse(row.state) as CaseState]));
}

/** A rebuild's switch: each case's last state kept by its pages into `case_states`. */
export async function writeRebuiltCaseStates(client: PoolClient, schema: string): Promise<void> {
  const s = quoted(schema);
  await client.query(
    `INSERT INTO ${s}.case_states (case_id, state) SELECT key, body FROM (${REBUILT_CASE_STATES.latest(s)}) AS latest
     ON CONFLICT (case_id) DO UPDATE SET state = excluded.state`,
  );
}
