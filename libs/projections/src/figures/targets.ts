import type { Comparator, MetricName, TargetFilter } from '@vigil/contract';
import { quoted } from './figures.tables';
import type { Db } from './subtree';

export interface Target {
  readonly directiveId: string;
  readonly targetId: string;
  readonly unitId: string;
  readonly metric: MetricName;
  readonly filter: TargetFilter | null;
  readonly comparator: Comparator;
  readonly value: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly baselineStart: string | null;
  readonly baselineEnd: string | null;
}

export interface Directive {
  readonly directiveId: string;
  readonly code: string;
  readonly title: string;
  readonly issuedByUnitId: string;
}

const TARGET_SELECT = `directive_id AS "directiveId", target_id AS "targetId", unit_id AS "unitId", metric, filter, comparator, value,
  period_start::text AS "periodStart", period_end::text AS "periodEnd",
  baseline_start::text AS "baselineStart", baseline_end::text AS "baselineEnd"`;

/** The directive (as known now), or null. */
export async function findDirective(db: Db, schema: string, directiveId: string): Promise<Directive | null> {
  const { rows } = await db.query(
    `SELECT directive_id AS "directiveId", code, title, issued_by_unit_id AS "issuedByUnitId"
       FROM ${quoted(schema)}.directives WHERE directive_id = $1`,
    [directiveId],
  );
  return rows[0] ?? null;
}

/** Its targets as known at asOf (their value and end as revised by then), without those withdrawn by then. */
export async function targetsAsOf(db: Db, schema: string, directiveId: string, asOf: Date): Promise<Target[]> {
  const { rows } = await db.query(
    `SELECT ${TARGET_SELECT} FROM ${quoted(schema)}.target_versions
      WHERE directive_id = $1 AND recorded_from <= $2 AND (recorded_to IS NULL OR recorded_to > $2) AND NOT withdrawn
      ORDER BY target_id`,
    [directiveId, asOf],
  );
  return rows;
}

export interface DirectiveWithTargets extends Directive {
  readonly targets: Target[];
}

/** GET /v1/directives: every directive with its current targets (withdrawn ones left out). */
export async function listDirectives(db: Db, schema: string): Promise<DirectiveWithTargets[]> {
  const s = quoted(schema);
  const [directives, targets] = await Promise.all([
    db.query(
      `SELECT directive_id AS "directiveId", code, title, issued_by_unit_id AS "issuedByUnitId" FROM ${s}.directives ORDER BY directive_id`,
    ),
    db.query(
      `SELECT ${TARGET_SELECT} FROM ${s}.target_versions WHERE recorded_to IS NULL AND NOT withdrawn ORDER BY directive_id, target_id`,
    ),
  ]);
  const byDirective = new Map<string, Target[]>();
  for (const target of targets.rows as Target[]) {
    byDirective.set(target.directiveId, [...(byDirective.get(target.directiveId) ?? []), target]);
  }
  return (directives.rows as Directive[]).map((directive) => ({
    ...directive,
    targets: byDirective.get(directive.directiveId) ?? [],
  }));
}
