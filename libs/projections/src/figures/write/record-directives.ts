import type { StoredEvent, TargetFilter } from '@vigil/contract';
import type { PoolClient } from 'pg';
import { UnapplicableEventError } from '../../projection';
import { quoted } from '../tables';
import { insertRows } from './insert-rows';
import { dateOf, instantOf } from './limits';

type DirectiveEvent = StoredEvent<'DirectiveIssued' | 'TargetSet' | 'TargetRevised' | 'TargetWithdrawn'>;
type TargetEvent = StoredEvent<'TargetSet' | 'TargetRevised' | 'TargetWithdrawn'>;

/** A target's terms after one of its events (a row of `target_changes`). */
export interface TargetTerms {
  readonly directiveId: string;
  readonly targetId: string;
  readonly unitId: string;
  readonly metric: string;
  readonly filter: TargetFilter | null;
  readonly comparator: string;
  readonly value: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly baselineStart: string | null;
  readonly baselineEnd: string | null;
  readonly withdrawn: boolean;
}

const MAX_TARGET_VALUE = 1e15;

function valueOf(event: TargetEvent, value: number): number {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_TARGET_VALUE)
    throw new UnapplicableEventError(event, `value ${value} is not a number from −${MAX_TARGET_VALUE} to ${MAX_TARGET_VALUE}`);
  return value;
}

export function evolveTarget(terms: TargetTerms | undefined, event: TargetEvent): TargetTerms {
  if (event.type === 'TargetSet') {
    if (terms !== undefined) throw new UnapplicableEventError(event, `target ${event.data.targetId} is already set`);
    const d = event.data;
    return {
      directiveId: d.directiveId,
      targetId: d.targetId,
      unitId: d.unitId,
      metric: d.metric,
      filter: d.filter ?? null,
      comparator: d.comparator,
      value: valueOf(event, d.value),
      periodStart: dateOf(event, d.periodStart, 'periodStart'),
      periodEnd: dateOf(event, d.periodEnd, 'periodEnd'),
      baselineStart: d.baselineStart === undefined ? null : dateOf(event, d.baselineStart, 'baselineStart'),
      baselineEnd: d.baselineEnd === undefined ? null : dateOf(event, d.baselineEnd, 'baselineEnd'),
      withdrawn: false,
    };
  }
  if (terms === undefined) throw new UnapplicableEventError(event, `target ${event.data.targetId} was never set`);
  if (event.type === 'TargetWithdrawn') return { ...terms, withdrawn: true };
  return {
    ...terms,
    value: event.data.value === undefined ? terms.value : valueOf(event, event.data.value),
    periodEnd: event.data.periodEnd === undefined ? terms.periodEnd : dateOf(event, event.data.periodEnd, 'periodEnd'),
  };
}

const CHANGE = { TargetSet: 'set', TargetRevised: 'revised', TargetWithdrawn: 'withdrawn' } as const;

const targetKey = (directiveId: string, targetId: string) => `${directiveId}\u0000${targetId}`;

async function latestTerms(
  client: PoolClient,
  schema: string,
  events: readonly TargetEvent[],
): Promise<Map<string, TargetTerms>> {
  const keys = [...new Map(events.map((e) => [targetKey(e.data.directiveId, e.data.targetId), e.data])).values()];
  if (keys.length === 0) return new Map();
  const { rows } = await client.query(
    `SELECT DISTINCT ON (t.directive_id, t.target_id)
            t.directive_id AS "directiveId", t.target_id AS "targetId", t.unit_id AS "unitId", t.metric, t.filter, t.comparator,
            t.value, t.period_start::text AS "periodStart", t.period_end::text AS "periodEnd",
            t.baseline_start::text AS "baselineStart", t.baseline_end::text AS "baselineEnd", t.withdrawn
       FROM unnest($1::text[], $2::text[]) AS k(directive_id, target_id)
       JOIN ${quoted(schema)}.target_changes t USING (directive_id, target_id)
      ORDER BY t.directive_id, t.target_id, t.revision DESC`,
    [keys.map((k) => k.directiveId), keys.map((k) => k.targetId)],
  );
  return new Map(rows.map((row: TargetTerms) => [targetKey(row.directiveId, row.targetId), row]));
}

/** Directives as facts; every target event as a row holding the target's terms after it (its history). */
export async function recordDirectives(client: PoolClient, schema: string, events: readonly DirectiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  const s = quoted(schema);
  const issued = events.filter((e): e is StoredEvent<'DirectiveIssued'> => e.type === 'DirectiveIssued');
  await insertRows(
    client,
    `${s}.directives`,
    ['directive_id', 'code', 'title', 'issued_by_unit_id', 'occurred_at', 'recorded_at', 'position'],
    ['text', 'text', 'text', 'text', 'timestamptz', 'timestamptz', 'bigint'],
    issued.map((e) => [
      e.data.directiveId,
      e.data.code,
      e.data.title,
      e.data.issuedByUnitId,
      new Date(instantOf(e, e.occurredAt, 'occurredAt')).toISOString(),
      e.recordedAt,
      String(e.position),
    ]),
    'ON CONFLICT DO NOTHING',
  );
  const targetEvents = events.filter((e): e is TargetEvent => e.type !== 'DirectiveIssued');
  const terms = await latestTerms(client, schema, targetEvents);
  const rows: (string | number | boolean | null)[][] = [];
  for (const event of targetEvents) {
    const key = targetKey(event.data.directiveId, event.data.targetId);
    const next = evolveTarget(terms.get(key), event);
    terms.set(key, next);
    rows.push([
      next.directiveId,
      next.targetId,
      String(event.revision),
      CHANGE[event.type],
      next.unitId,
      next.metric,
      next.filter === null ? null : JSON.stringify(next.filter),
      next.comparator,
      next.value,
      next.periodStart,
      next.periodEnd,
      next.baselineStart,
      next.baselineEnd,
      next.withdrawn,
      event.type === 'TargetWithdrawn' ? event.data.reason : null,
      event.recordedAt,
      String(event.position),
    ]);
  }
  await insertRows(
    client,
    `${s}.target_changes`,
    [
      'directive_id',
      'target_id',
      'revision',
      'change',
      'unit_id',
      'metric',
      'filter',
      'comparator',
      'value',
      'period_start',
      'period_end',
      'baseline_start',
      'baseline_end',
      'withdrawn',
      'reason',
      'recorded_at',
      'position',
    ],
    [
      'text',
      'text',
      'bigint',
      'text',
      'text',
      'text',
      'jsonb',
      'text',
      'double precision',
      'date',
      'date',
      'date',
      'date',
      'boolean',
      'text',
      'timestamptz',
      'bigint',
    ],
    rows,
    'ON CONFLICT DO NOTHING',
  );
}
