import type { Interval } from '@vigil/domain';
import type { Part } from './bucket-sums';
import { knowledgeOf, type ReadContext } from './read-context';

export type Basis = 'stood' | 'current';

/** Business instants [from, toExclusive). */
export interface Span {
  readonly from: number;
  readonly toExclusive: number;
}

/** Whether no unit joined or left the subtree over the span: each was under it all along, or not at all. */
function steadyOver(intervalsByUnit: ReadonlyMap<string, readonly Interval[]>, span: Span): boolean {
  for (const intervals of intervalsByUnit.values()) {
    const touching = intervals.filter(([from, to]) => from < span.toExclusive && to > span.from);
    if (touching.length === 0) continue;
    if (!touching.some(([from, to]) => from <= span.from && to >= span.toExclusive)) return false;
  }
  return true;
}

/**
 * The parts a unit's figures are summed from (CONTRACT.md §5 Compare, `basis`). `stood`: its subtree as it
 * stood when each fact occurred. `current`: the units under it as the tree stands at `treeAt` (as known),
 * each counted with its own facts whatever its parent was — a subtree that kept the same units over the
 * span is one part (its sums as they stood are the same), so only units whose subtree changed are split
 * into their own facts and their children at `treeAt`.
 */
export function partsOf(context: ReadContext, unitId: string, basis: Basis, treeAt: number, span: Span): Part[] {
  if (basis === 'stood') return [{ unitId, own: false }];
  const { tree } = context.state;
  const knownAt = knowledgeOf(context);
  const split = (unit: string): Part[] => {
    if (steadyOver(tree.subtree(unit, knownAt), span)) return [{ unitId: unit, own: false }];
    return [{ unitId: unit, own: true }, ...tree.childrenAt(unit, treeAt, knownAt).flatMap(split)];
  };
  return split(unitId);
}
