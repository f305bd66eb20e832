import type { StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { UnapplicableEventError } from '../projection';
import { insertRows } from './bulk-insert';
import { quoted } from './figures.tables';
import type { Target } from './targets';
import { foldVersions, groupBy } from './knowledge-versions';

type DirectiveEvent = StoredEvent<'DirectiveIssued' | 'TargetSet' | 'TargetRevised' | 'TargetWithdrawn'>;
type TargetEvent = StoredEvent<'TargetSet' | 'TargetRevised' | 'TargetWithdrawn'>;

type TargetFact = Target & { readonly withdrawn: boolean };

function evolveTarget(fact: TargetFact | undefined, event: TargetEvent): TargetFact {
  if (event.type === 'TargetSet') {
    if (fact !== undefined) throw new UnapplicableEventError(event, `target ${event.data.targetId} is already set`);
    const d = event.data;
    return {
      directiveId: d.directiveId,
      targetId: d.targetId,
      unitId: d.unitId,
      metric: d.metric,
      filter: d.filter ?? null,
      comparator: d.comparator,
      value: d.value,
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
      baselineStart: d.baselineStart ?? null,
      baselineEnd: d.baselineEnd ?? null,
      withdrawn: false,
    };
  }
  if (fact === undefined) throw new UnapplicableEventError(event, `target ${event.data.targetId} was never set`);
  if (event.type === 'TargetWithdrawn') return { ...fact, withdrawn: true };
  return { ...fact, value: event.data.value ?? fact.value, periodEnd: event.data.periodEnd ?? fact.periodEnd };
}

const TARGET_COLUMNS = [
  { name: 'directive_id', type: 'text' },
  { name: 'target_id', type: 'text' },
  { name: 'unit_id', type: 'text' },
  { name: 'metric', type: 'text' },
  { name: 'filter', type: 'jsonb' },
  { name: 'comparator', type: 'text' },
  { name: 'value', type: 'double precision' },
  { name: 'period_start', type: 'date' },
  { name: 'period_end', type: 'date' },
  { name: 'baseline_start', type: 'date' },
  { name: 'baseline_end', type: 'date' },
  { name: 'withdrawn', type: 'boolean' },
  { name: 'recorded_from', type: 'timestamptz' },
  { name: 'recorded_to', type: 'timestamptz' },
] as const;

const DIRECTIVE_COLUMNS = [
  { name: 'directive_id', type: 'text' },
  { name: 'code', type: 'text' },
  { name: 'title', type: 'text' },
  { name: 'issued_by_unit_id', type: 'text' },
  { name: 'occurred_at', type: 'timestamptz' },
  { name: 'recorded_at', type: 'timestamptz' },
] as const;

const targetKey = (directiveId: string, targetId: string) => `${directiveId}\u0000${targetId}`;

async function currentTargets(client: PoolClient, schema: string, directiveIds: string[]): Promise<Map<string, TargetFact>> {
  const { rows } = await client.query(
    `SELECT directive_id, target_id, unit_id, metric, filter, comparator, value, period_start::text, period_end::text,
            baseline_start::text, baseline_end::text, withdrawn
       FROM ${quoted(schema)}.target_versions WHERE directive_id = ANY($1::text[]) AND recorded_to IS NULL`,
    [directiveIds],
  );
  return new Map(
    rows.map((r) => [
      targetKey(r.directive_id, r.target_id),
      {
        directiveId: r.directive_id,
        targetId: r.target_id,
        unitId: r.unit_id,
        metric: r.metric,
        filter: r.filter,
        comparator: r.comparator,
        value: r.value,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        baselineStart: r.baseline_start,
        baselineEnd: r.baseline_end,
        withdrawn: r.withdrawn,
      },
    ]),
  );
}

/** Directives as immutable facts; targets as knowledge-time versions (revisions and withdrawals close the current one). */
export async function recordDirectives(client: PoolClient, schema: string, events: readonly DirectiveEvent[]): Promise<void> {
  const issued = events.filter((event): event is StoredEvent<'DirectiveIssued'> => event.type === 'DirectiveIssued');
  await insertRows(
    client,
    `${quoted(schema)}.directives`,
    DIRECTIVE_COLUMNS,
    issued.map((e) => [e.data.directiveId, e.data.code, e.data.title, e.data.issuedByUnitId, e.occurredAt, e.recordedAt]),
    'ON CONFLICT DO NOTHING',
  );
  const targetEvents = events.filter((event): event is TargetEvent => event.type !== 'DirectiveIssued');
  if (targetEvents.length === 0) return;
  const current = await currentTargets(client, schema, [...new Set(targetEvents.map((event) => event.data.directiveId))]);
  const closings: [string, string, string][] = [];
  const versions: (string | number | boolean | null)[][] = [];
  for (const [key, group] of groupBy(targetEvents, (event) => targetKey(event.data.directiveId, event.data.targetId))) {
    const fold = foldVersions(current.get(key), group, evolveTarget);
    const { directiveId, targetId } = group[0]!.data;
    if (fold.closedAt !== null) closings.push([directiveId, targetId, fold.closedAt]);
    for (const { state: t, recordedFrom, recordedTo } of fold.inserted) {
      versions.push([
        t.directiveId,
        t.targetId,
        t.unitId,
        t.metric,
        t.filter === null ? null : JSON.stringify(t.filter),
        t.comparator,
        t.value,
        t.periodStart,
        t.periodEnd,
        t.baselineStart,
        t.baselineEnd,
        t.withdrawn,
        recordedFrom,
        recordedTo,
      ]);
    }
  }
  if (closings.length > 0) {
    await client.query(
      // As for cases: a version replaced at the instant it was recorded is dropped, not closed.
      `WITH c AS (SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS c(directive_id, target_id, closed_at)),
            empty AS (DELETE FROM ${quoted(schema)}.target_versions v USING c
                       WHERE v.directive_id = c.directive_id AND v.target_id = c.target_id
                         AND v.recorded_to IS NULL AND v.recorded_from = c.closed_at)
       UPDATE ${quoted(schema)}.target_versions v SET recorded_to = c.closed_at FROM c
        WHERE v.directive_id = c.directive_id AND v.target_id = c.target_id
          AND v.recorded_to IS NULL AND v.recorded_from <> c.closed_at`,
      [closings.map((c) => c[0]), closings.map((c) => c[1]), closings.map((c) => c[2])],
    );
  }
  await insertRows(client, `${quoted(schema)}.target_versions`, TARGET_COLUMNS, versions);
}
