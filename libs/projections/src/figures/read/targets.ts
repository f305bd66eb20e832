import type { Comparator, MetricName, TargetFilter } from '@vigil/contract';
import { quoted } from '../tables';
import type { ReadContext } from './read-context';
import { groupBy } from './group-by';

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

export interface DirectiveWithTargets extends Directive {
  readonly targets: Target[];
}

const TERMS = `t.directive_id AS "directiveId", t.target_id AS "targetId", t.unit_id AS "unitId", t.metric, t.filter, t.comparator,
  t.value, t.period_start::text AS "periodStart", t.period_end::text AS "periodEnd",
  t.baseline_start::text AS "baselineStart", t.baseline_end::text AS "baselineEnd"`;
const DIRECTIVE = `directive_id AS "directiveId", code, title, issued_by_unit_id AS "issuedByUnitId"`;
const known = (context: ReadContext) => (context.knownAt === null ? null : new Date(context.knownAt));

/** The directive as known, or null. */
export async function findDirective(context: ReadContext, directiveId: string): Promise<Directive | null> {
  const { rows } = await context.db.query<Directive>(
    `SELECT ${DIRECTIVE} FROM ${quoted(context.schema)}.directives
      WHERE directive_id = $1 AND ($2::timestamptz IS NULL OR recorded_at <= $2)`,
    [directiveId, known(context)],
  );
  return rows[0] ?? null;
}

/** Each target's terms as known (its latest change recorded by then), withdrawn ones left out; `directiveId` null for all. */
export async function targetsOf(context: ReadContext, directiveId: string | null): Promise<Target[]> {
  const { rows } = await context.db.query<Target & { withdrawn: boolean }>(
    `SELECT * FROM (
       SELECT DISTINCT ON (t.directive_id, t.target_id) ${TERMS}, t.withdrawn
         FROM ${quoted(context.schema)}.target_changes t
        WHERE ($1::text IS NULL OR t.directive_id = $1) AND ($2::timestamptz IS NULL OR t.recorded_at <= $2)
        ORDER BY t.directive_id, t.target_id, t.revision DESC
     ) latest WHERE NOT withdrawn ORDER BY "directiveId", "targetId"`,
    [directiveId, known(context)],
  );
  return rows.map(({ withdrawn: _withdrawn, ...target }) => target);
}

/** Every directive known, with its targets. */
export async function listDirectives(context: ReadContext): Promise<DirectiveWithTargets[]> {
  const [directives, targets] = await Promise.all([
    context.db.query<Directive>(
      `SELECT ${DIRECTIVE} FROM ${quoted(context.schema)}.directives
        WHERE $1::timestamptz IS NULL OR recorded_at <= $1 ORDER BY directive_id`,
      [known(context)],
    ),
    targetsOf(context, null),
  ]);
  const byDirective = groupBy(targets, (target) => target.directiveId);
  return directives.rows.map((directive) => ({ ...directive, targets: byDirective.get(directive.directiveId) ?? [] }));
}
