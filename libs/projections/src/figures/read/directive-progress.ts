import { endOfLocalDayExclusive, evaluateTarget, type TargetStatus } from '@vigil/domain';
import type { Db } from '../engine-state';
import { readContext, type ReadContext } from './read-context';
import { targetFigures } from './target-figures';
import { findDirective, targetsOf, type Directive, type Target } from './targets';

/** One target's progress (CONTRACT.md §5). */
export type TargetProgress = Pick<
  Target,
  'targetId' | 'unitId' | 'metric' | 'filter' | 'comparator' | 'value' | 'periodStart' | 'periodEnd'
> & {
  readonly actual: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly attainmentPct: number | null;
  readonly status: TargetStatus;
  readonly coverage?: { readonly reporting: number; readonly units: number };
};

export interface DirectiveProgress {
  readonly directiveId: string;
  readonly code: string;
  readonly asOf: string;
  readonly targets: TargetProgress[];
}

export interface ProgressOptions {
  /** Evaluate every target for this unit's subtree instead of the target's own unit. */
  readonly unitId?: string;
  /** The instant of the answer: knowledge time, inclusive (only what had been recorded by then). */
  readonly asOf: Date;
  /** asOf is now (no asOf asked): the current sums answer. */
  readonly current?: boolean;
  /** Business time: the figures as they stood at the end of this day, the period elapsed up to it. */
  readonly at?: string;
  readonly timeZone: string;
  /** Read every figure from the facts alone (audits, tests). */
  readonly fromFacts?: boolean;
}

export interface LoadedDirective {
  readonly context: ReadContext;
  readonly directive: Directive;
  readonly targets: Target[];
}

function checkZone(context: ReadContext, timeZone: string): void {
  if (context.state.timeZone !== timeZone)
    throw new Error(
      `the figures were bucketed in ${context.state.timeZone}, not ${timeZone}: rebuild them (vigil projections rebuild figures)`,
    );
}

/** The directive and its targets as known (null: unknown directive), before evaluating them (the caller checks scope). */
export async function loadDirective(
  db: Db,
  schema: string,
  directiveId: string,
  options: ProgressOptions,
): Promise<LoadedDirective | null> {
  const context = await readContext(db, schema, options.current ? null : options.asOf, options.fromFacts);
  checkZone(context, options.timeZone);
  const directive = await findDirective(context, directiveId);
  if (directive === null) return null;
  return { context, directive, targets: await targetsOf(context, directiveId) };
}

export async function evaluateDirective(loaded: LoadedDirective, options: ProgressOptions): Promise<DirectiveProgress> {
  const { context, directive } = loaded;
  const elapsedAt =
    options.at === undefined ? options.asOf : new Date(endOfLocalDayExclusive(options.at, options.timeZone).getTime() - 1);
  const targets = await Promise.all(
    loaded.targets.map(async (target): Promise<TargetProgress> => {
      const unitId = options.unitId ?? target.unitId;
      const figures = await targetFigures(context, target, { unitId, standsOn: options.at ?? null, elapsedAt });
      const evaluation = evaluateTarget({ ...target, asOf: elapsedAt, timeZone: options.timeZone, figures });
      return {
        targetId: target.targetId,
        unitId,
        metric: target.metric,
        filter: target.filter,
        comparator: target.comparator,
        value: target.value,
        periodStart: target.periodStart,
        periodEnd: target.periodEnd,
        actual: evaluation.actual,
        numerator: evaluation.numerator,
        denominator: evaluation.denominator,
        attainmentPct: evaluation.attainmentPct,
        status: evaluation.status,
        ...(figures.coverage === undefined ? {} : { coverage: figures.coverage }),
      };
    }),
  );
  return { directiveId: directive.directiveId, code: directive.code, asOf: options.asOf.toISOString(), targets };
}

/** GET /v1/directives/{id}/progress without the scope check: null for an unknown directive. */
export async function directiveProgress(
  db: Db,
  schema: string,
  directiveId: string,
  options: ProgressOptions,
): Promise<DirectiveProgress | null> {
  const loaded = await loadDirective(db, schema, directiveId, options);
  return loaded === null ? null : evaluateDirective(loaded, options);
}
