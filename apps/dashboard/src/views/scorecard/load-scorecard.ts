import type { Api, TimeSelection } from '../../api/endpoints';
import type { Directive, DirectiveProgress, TargetProgress, UnitDetail } from '../../api/types';

export interface ScorecardRow {
  key: string;
  directiveId: string;
  code: string;
  title: string;
  /** As the progress endpoint answers it; `unitId` is the unit it was evaluated for. */
  target: TargetProgress;
  unitName: string;
  /** A target set for a unit below the scorecard's unit, evaluated for that unit. */
  below: boolean;
}

export interface Scorecard {
  unitId: string;
  /** Null when the deployment does not answer GET /v1/units/{unitId}. */
  unit: UnitDetail | null;
  rows: ScorecardRow[];
  failures: { code: string; error: unknown }[];
}

const unique = <T>(values: T[]) => [...new Set(values)];

/**
 * Every target that concerns the unit: those set for it or a unit above it, evaluated for its subtree
 * (`progress?unitId=`), and those set for units below it, evaluated for their own. Requests go out in
 * parallel: the directives and the unit's path first, then every progress at once.
 * Without the tree (no GET /v1/units/{id}), every listed target is evaluated for the unit.
 */
export async function loadScorecard(api: Api, unitId: string, time: TimeSelection, signal?: AbortSignal): Promise<Scorecard> {
  const [list, unit] = await Promise.all([api.directives(signal), api.unit(unitId, time, signal).catch(() => null)]);
  const directives = list.directives.filter((directive) => directive.targets.length > 0);
  const atOrAbove = new Set([unitId, ...(unit?.path ?? []).map((step) => step.unitId)]);
  const concernsUnit = (targetUnitId: string) => unit === null || atOrAbove.has(targetUnitId);

  interface Evaluation {
    directive: Directive;
    unit: { unitId: string; name: string };
    below: boolean;
    answer: Promise<DirectiveProgress>;
  }
  const evaluations: Evaluation[] = [];
  const evaluate = (directive: Directive, forUnit: { unitId: string; name: string }, below: boolean) =>
    evaluations.push({
      directive,
      unit: forUnit,
      below,
      answer: api.progress(directive.directiveId, forUnit.unitId, time, signal),
    });

  const self = { unitId, name: unit?.name ?? unitId };
  for (const directive of directives) {
    if (directive.targets.some((target) => concernsUnit(target.unitId))) evaluate(directive, self, false);
  }
  const others = unique(directives.flatMap((d) => d.targets.map((t) => t.unitId)).filter((id) => !concernsUnit(id)));
  const lookedUp = await Promise.all(others.map((id) => api.unit(id, time, signal).catch(() => null)));
  for (const lower of lookedUp) {
    if (!lower || !lower.path.some((step) => step.unitId === unitId)) continue;
    for (const directive of directives) {
      if (directive.targets.some((target) => target.unitId === lower.unitId)) evaluate(directive, lower, true);
    }
  }

  const settled = await Promise.allSettled(evaluations.map((evaluation) => evaluation.answer));
  const rows: ScorecardRow[] = [];
  const failures: Scorecard['failures'] = [];
  settled.forEach((result, index) => {
    const { directive, unit: forUnit, below } = evaluations[index]!;
    if (result.status === 'rejected') {
      failures.push({ code: directive.code, error: result.reason });
      return;
    }
    // The progress answers every target of the directive: keep those this evaluation is for.
    const setFor = new Map(directive.targets.map((target) => [target.targetId, target.unitId]));
    for (const target of result.value.targets) {
      const targetUnit = setFor.get(target.targetId);
      const mine = below ? targetUnit === forUnit.unitId : targetUnit === undefined || concernsUnit(targetUnit);
      if (!mine) continue;
      rows.push({
        key: `${directive.directiveId}/${target.targetId}/${forUnit.unitId}`,
        directiveId: directive.directiveId,
        code: directive.code,
        title: directive.title,
        target,
        unitName: forUnit.name,
        below,
      });
    }
  });
  return { unitId, unit, rows, failures };
}
