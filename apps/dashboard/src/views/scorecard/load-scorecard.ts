import type { Api, TimeSelection } from '../../api/endpoints';
import type { Directive, ProgressAnswer, TargetProgress, UnitDetailAnswer } from '../../api/types';
import type { Principal } from '../../auth/token';

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
  unit: UnitDetailAnswer;
  rows: ScorecardRow[];
  /** Directives whose progress could not be loaded (the others are shown). */
  failures: { code: string; error: unknown }[];
}

interface Evaluation {
  directive: Directive;
  /** Which of the directive's targets this answer is read for, by the unit each is set for. */
  keeps: (targetUnitId: string) => boolean;
  answer: Promise<ProgressAnswer>;
}

const unique = <T>(values: Iterable<T>) => [...new Set(values)];

/**
 * Every target that concerns the unit (CONTRACT §9): those set for it or a unit above it, evaluated for
 * its subtree, and those set for a unit below it, evaluated for that unit; a target elsewhere in the tree
 * is left out. Requests go out all at once, round by round: the directives (as scoped for the analyst)
 * and the unit's path; then the progress of each directive and the units the other targets are set for;
 * then, for a unit other than the analyst's root with targets below it, the progress of those.
 *
 * For the analyst's own root a single progress per directive answers both kinds (the API evaluates a
 * target above the root for the root, one below for its own unit). For any other unit a target above is
 * read from `progress?unitId=`, and one below from `progress` without it, asked only once a target's unit
 * is known to lie below: a province's scorecard seen from the ministry evaluates no other province's target.
 */
export async function loadScorecard(
  api: Api,
  principal: Pick<Principal, 'role' | 'unit'>,
  unitId: string,
  time: TimeSelection,
  signal?: AbortSignal,
): Promise<Scorecard> {
  const [list, unit] = await Promise.all([api.directives(signal), api.unit(unitId, time, signal)]);
  const directives = list.directives.filter((directive) => directive.targets.length > 0);
  const atOrAbove = new Set([unitId, ...unit.path.map((step) => step.unitId)]);
  const ownRoot = principal.role === 'analyst' && principal.unit === unitId;

  // The units the other targets are set for: their names, and whether they lie below the unit.
  const candidates = unique(directives.flatMap((d) => d.targets.map((t) => t.unitId)).filter((id) => !atOrAbove.has(id)));
  const lookups = new Map(candidates.map((id) => [id, api.unit(id, time, signal).catch(() => null)]));
  const below = Promise.all(
    candidates.map(async (id) => ((await lookups.get(id))?.path.some((step) => step.unitId === unitId) ? id : null)),
  ).then((ids) => new Set(ids.filter((id) => id !== null)));

  const evaluations: Evaluation[] = [];
  const evaluate = (directive: Directive, forUnit: string | undefined, keeps: Evaluation['keeps']) => {
    const answer = api.progress(directive.directiveId, forUnit, time, signal);
    answer.catch(() => {}); // settled below; handled now, so a failure before then is not reported as unhandled
    evaluations.push({ directive, keeps, answer });
  };
  if (ownRoot) {
    for (const directive of directives) evaluate(directive, undefined, () => true);
  } else {
    for (const directive of directives) {
      if (directive.targets.some((target) => atOrAbove.has(target.unitId)))
        evaluate(directive, unitId, (id) => atOrAbove.has(id));
    }
    // Targets below once the lookups tell which lie below (the progress above is on its way meanwhile).
    const lowerUnits = await below;
    for (const directive of directives) {
      if (directive.targets.some((target) => lowerUnits.has(target.unitId))) {
        evaluate(directive, undefined, (id) => lowerUnits.has(id));
      }
    }
  }

  const settled = await Promise.allSettled(evaluations.map((evaluation) => evaluation.answer));
  const lowerUnits = await below;
  const rows: ScorecardRow[] = [];
  const failures: Scorecard['failures'] = [];
  for (const [index, result] of settled.entries()) {
    const { directive, keeps } = evaluations[index]!;
    if (result.status === 'rejected') {
      failures.push({ code: directive.code, error: result.reason });
      continue;
    }
    // The answer names the unit each target was evaluated for; the list, the unit it was set for.
    const setFor = new Map(directive.targets.map((target) => [target.targetId, target.unitId]));
    for (const target of result.value.targets) {
      const targetUnit = setFor.get(target.targetId);
      if (targetUnit === undefined || !keeps(targetUnit)) continue;
      const isBelow = !atOrAbove.has(targetUnit);
      if (isBelow && !lowerUnits.has(targetUnit)) continue;
      rows.push({
        key: `${directive.directiveId}/${target.targetId}/${target.unitId}`,
        directiveId: directive.directiveId,
        code: directive.code,
        title: directive.title,
        target,
        unitName: isBelow ? ((await lookups.get(targetUnit))?.name ?? targetUnit) : unit.name,
        below: isBelow,
      });
    }
  }
  return { unit, rows, failures };
}
