import { evaluateTarget, type TargetStatus } from '@vigil/domain';
import type { FigureContext } from './figure-sums';
import { RollupReader, rolledUpRoots } from './rollup-queries';
import type { Db } from './subtree';
import { subtreeResolver } from './subtree-cache';
import { targetFigures } from './target-figures';
import { findDirective, targetsAsOf, type Directive, type Target } from './targets';

/** One target's progress (CONTRACT.md §5): its terms and how it stands. */
export type TargetProgress = Pick<
  Target,
  'targetId' | 'unitId' | 'metric' | 'filter' | 'comparator' | 'value' | 'periodStart' | 'periodEnd'
> & {
  readonly actual: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly attainmentPct: number | null;
  readonly status: TargetStatus;
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
  /** Knowledge time, inclusive: only what had been recorded by then; the period as elapsed up to then. */
  readonly asOf: Date;
  readonly timeZone: string;
}

/** A directive and the targets to evaluate, loaded before evaluating so the caller can check scope on `unitsToEvaluate`. */
export interface LoadedDirective {
  readonly directive: Directive;
  readonly targets: Target[];
  readonly unitsToEvaluate: string[];
}

export async function loadDirective(
  db: Db,
  schema: string,
  directiveId: string,
  options: ProgressOptions,
): Promise<LoadedDirective | null> {
  const directive = await findDirective(db, schema, directiveId);
  if (directive === null) return null;
  const targets = await targetsAsOf(db, schema, directiveId, options.asOf);
  const unitsToEvaluate = options.unitId !== undefined ? [options.unitId] : [...new Set(targets.map((target) => target.unitId))];
  return { directive, targets, unitsToEvaluate };
}

export async function evaluateDirective(
  db: Db,
  schema: string,
  loaded: LoadedDirective,
  options: ProgressOptions,
): Promise<DirectiveProgress> {
  const { asOf, timeZone } = options;
  const units = [...new Set(loaded.targets.map((target) => options.unitId ?? target.unitId))];
  const rolledUp = await rolledUpRoots(db, schema, units, asOf, timeZone);
  const memo = new Map<string, Promise<unknown>>();
  const subtreeOf = subtreeResolver(db, schema, asOf);
  const rollups = new RollupReader(db, schema, asOf);
  const contexts = new Map<string, FigureContext>();
  const contextOf = (unitId: string): FigureContext => {
    let context = contexts.get(unitId);
    if (context === undefined) {
      context = {
        db,
        schema,
        unitId,
        asOf,
        timeZone,
        subtree: () => subtreeOf(unitId),
        rolledUp: rolledUp.has(unitId),
        rollups,
        memo,
      };
      contexts.set(unitId, context);
    }
    return context;
  };
  const targets = await Promise.all(
    loaded.targets.map(async (target): Promise<TargetProgress> => {
      const unitId = options.unitId ?? target.unitId;
      const figures = await targetFigures(contextOf(unitId), target);
      const evaluation = evaluateTarget({ ...target, asOf, timeZone, figures });
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
      };
    }),
  );
  return { directiveId: loaded.directive.directiveId, code: loaded.directive.code, asOf: asOf.toISOString(), targets };
}

/** GET /v1/directives/{id}/progress without the scope check: null for an unknown directive. */
export async function directiveProgress(
  db: Db,
  schema: string,
  directiveId: string,
  options: ProgressOptions,
): Promise<DirectiveProgress | null> {
  const loaded = await loadDirective(db, schema, directiveId, options);
  return loaded === null ? null : evaluateDirective(db, schema, loaded, options);
}
