import type { PoolClient } from 'pg';
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

/** Evolves each case of the batch from its stored state; saves the new states and returns the fact deltas. */
export async function recordCases(client: PoolClient, schema: string, events: readonly CaseEvent[]): Promise<FactDelta[]> {
  if (events.length === 0) return [];
  const s = quoted(schema);
  const byCase = groupByCase(events);
  const { rows } = await client.query<{ case_id: string; state: string }>(
    `SELECT case_id, state FROM ${s}.case_states WHERE case_id = ANY($1::text[])`,
    [[...byCase.keys()]],
  );
  const stored = new Map(rows.map((row) => [row.case_id, JSON.parse(row.state) as CaseState]));
  const deltas: FactDelta[] = [];
  const states: CaseState[] = [];
  for (const [caseId, caseEvents] of byCase) {
    const { after, deltas: caseDeltasOf } = caseDeltas(stored.get(caseId), caseEvents);
    deltas.push(...caseDeltasOf);
    states.push(after);
  }
  states.sort((a, b) => (a.caseId < b.caseId ? -1 : 1));
  await client.query(
    `INSERT INTO ${s}.case_states (case_id, state) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (case_id) DO UPDATE SET state = excluded.state`,
    [states.map((state) => state.caseId), states.map((state) => JSON.stringify(state))],
  );
  return deltas;
}
