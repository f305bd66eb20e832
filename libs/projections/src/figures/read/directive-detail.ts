import type { DirectiveDetailAnswer, TargetFilter, TargetHistory } from '@vigil/contract';
import { quoted } from '../tables';
import type { ReadContext } from './read-context';
import { findDirective, type Target } from './targets';
import { groupBy } from './group-by';

interface ChangeRow extends Target {
  readonly change: 'set' | 'revised' | 'withdrawn';
  readonly withdrawn: boolean;
  readonly reason: string | null;
  readonly recordedAt: Date;
}

/**
 * GET /v1/directives/{id}: the directive and every target as known, withdrawn ones too, each with its
 * history from `target_changes` (oldest first); `withdrawn.at` is when the withdrawal was recorded.
 * Null for a directive not known.
 */
export async function directiveDetail(
  context: ReadContext,
  directiveId: string,
  asOf: Date,
): Promise<DirectiveDetailAnswer | null> {
  const [directive, changes] = await Promise.all([
    findDirective(context, directiveId),
    context.db.query<ChangeRow>(
      `SELECT directive_id AS "directiveId", target_id AS "targetId", unit_id AS "unitId", metric, filter, comparator, value,
              period_start::text AS "periodStart", period_end::text AS "periodEnd",
              baseline_start::text AS "baselineStart", baseline_end::text AS "baselineEnd",
              change, withdrawn, reason, recorded_at AS "recordedAt"
         FROM ${quoted(context.schema)}.target_changes
        WHERE directive_id = $1 AND ($2::timestamptz IS NULL OR recorded_at <= $2)
        ORDER BY target_id, revision`,
      [directiveId, context.knownAt === null ? null : new Date(context.knownAt)],
    ),
  ]);
  if (directive === null) return null;
  const byTarget = groupBy(changes.rows, (row) => row.targetId);
  return {
    ...directive,
    asOf: asOf.toISOString(),
    targets: [...byTarget.values()].map((rows): TargetHistory => {
      const latest = rows[rows.length - 1]!;
      return {
        directiveId: latest.directiveId,
        targetId: latest.targetId,
        unitId: latest.unitId,
        metric: latest.metric,
        filter: latest.filter as TargetFilter | null,
        comparator: latest.comparator,
        value: latest.value,
        periodStart: latest.periodStart,
        periodEnd: latest.periodEnd,
        baselineStart: latest.baselineStart,
        baselineEnd: latest.baselineEnd,
        withdrawn: latest.withdrawn ? { at: latest.recordedAt.toISOString(), reason: latest.reason ?? '' } : null,
        history: rows.map((row) => ({
          recordedAt: row.recordedAt.toISOString(),
          change: row.change,
          value: row.value,
          periodEnd: row.periodEnd,
          reason: row.reason,
        })),
      };
    }),
  };
}
