import type { Interval, OrganisationTree, TimelineStep } from '@vigil/domain';
import { ROLLUP_LEVELS } from './rollup-deltas';

/** Where a unit's facts roll up changed, for the facts that occurred in `segment`. */
export interface TimelineChange {
  readonly unitId: string;
  readonly segment: Interval;
  readonly before: readonly TimelineStep[];
  readonly after: readonly TimelineStep[];
}

const sameSteps = (a: readonly TimelineStep[], b: readonly TimelineStep[]) =>
  a.length === b.length &&
  a.every(
    (step, i) =>
      step.from === b[i]!.from && step.units.length === b[i]!.units.length && step.units.every((u, j) => u === b[i]!.units[j]),
  );

/**
 * The units whose facts now roll up elsewhere (or from other knowledge instants) because of the units
 * whose records changed: those units and every unit ever below them, business segment by segment.
 * Pure: the caller sums each change's facts and adds `contribute(after) − contribute(before)`.
 */
export function timelineChanges(
  before: OrganisationTree,
  after: OrganisationTree,
  changedUnits: Iterable<string>,
): TimelineChange[] {
  const candidates = new Set<string>();
  for (const unitId of changedUnits) {
    candidates.add(unitId);
    for (const below of after.everBelow(unitId)) candidates.add(below);
    for (const below of before.everBelow(unitId)) candidates.add(below);
  }
  const changes: TimelineChange[] = [];
  for (const unitId of candidates) {
    for (const segment of after.segments()) {
      const was = before.timeline(unitId, segment[0], ROLLUP_LEVELS);
      const is = after.timeline(unitId, segment[0], ROLLUP_LEVELS);
      if (sameSteps(was, is)) continue;
      const last = changes[changes.length - 1];
      // Neighbouring segments with the same change are one range of facts.
      if (last?.unitId === unitId && last.segment[1] === segment[0] && sameSteps(last.before, was) && sameSteps(last.after, is))
        changes[changes.length - 1] = { ...last, segment: [last.segment[0], segment[1]] };
      else changes.push({ unitId, segment, before: was, after: is });
    }
  }
  return changes;
}
