import type { UnitDetailAnswer, UnitLevel, UnitListAnswer, UnitRef } from '@vigil/contract';
import { endOfLocalDayExclusive, isVisibleUnit, type Scope } from '@vigil/domain';
import { knowledgeOf, type ReadContext } from './read-context';

/** Business time: the tree as it stands at the end of the day `at` (its last millisecond). */
export const endOfDay = (context: ReadContext, at: string) => endOfLocalDayExclusive(at, context.state.timeZone).getTime() - 1;

/** Whether a caller sees a unit in `/v1/units`: its subtree and the path above its root, on the tree at `at` as known. */
export function unitVisibility(context: ReadContext, scope: Scope, at: string): (unitId: string) => boolean {
  const { tree } = context.state;
  const instant = endOfDay(context, at);
  const knownAt = knowledgeOf(context);
  return (unitId) => isVisibleUnit(scope, (unit) => tree.parentAt(unit, instant, knownAt), unitId);
}

/** The unit as answers name it, if known. */
export function unitRef(context: ReadContext, unitId: string): UnitRef | null {
  const unit = context.state.tree.knownUnit(unitId, knowledgeOf(context));
  return unit === undefined ? null : { unitId: unit.unitId, name: unit.name, level: unit.level };
}

export interface UnitListQuery {
  readonly at: string;
  readonly parentUnitId?: string;
  readonly level?: UnitLevel;
  readonly visible: (unitId: string) => boolean;
}

/** GET /v1/units: the tree on `at` as known, the units a caller sees, by unit id. */
export function listUnits(context: ReadContext, query: UnitListQuery): UnitListAnswer {
  const { tree } = context.state;
  const knownAt = knowledgeOf(context);
  const instant = endOfDay(context, query.at);
  const units = [...tree.allUnits()]
    .filter((unit) => unit.registeredAt <= knownAt && query.visible(unit.unitId))
    .map((unit) => ({
      unitId: unit.unitId,
      name: unit.name,
      level: unit.level,
      parentUnitId: tree.parentAt(unit.unitId, instant, knownAt) ?? null,
    }))
    .filter(
      (unit) =>
        (query.parentUnitId === undefined || unit.parentUnitId === query.parentUnitId) &&
        (query.level === undefined || unit.level === query.level),
    )
    .sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  return { units };
}

/**
 * GET /v1/units/{unitId}: name, level and parent on `at`, the path above it (root first), the children a
 * caller sees, and every parent period known (the registration's with `validFrom` null: from the start).
 * Null for a unit not known.
 */
export function unitDetail(
  context: ReadContext,
  unitId: string,
  at: string,
  visible: (unitId: string) => boolean,
): UnitDetailAnswer | null {
  const { tree } = context.state;
  const knownAt = knowledgeOf(context);
  const unit = unitRef(context, unitId);
  if (unit === null) return null;
  const instant = endOfDay(context, at);
  const refs = (ids: readonly string[]) => ids.map((id) => unitRef(context, id)).filter((ref) => ref !== null);
  return {
    ...unit,
    parentUnitId: tree.parentAt(unitId, instant, knownAt) ?? null,
    path: refs(tree.chainAt(unitId, instant, knownAt).slice(1).reverse()),
    children: refs(tree.childrenAt(unitId, instant, knownAt).filter(visible)),
    parents: tree
      .periodsOf(unitId)
      .filter((period) => period.recordedAt <= knownAt)
      .map((period) => ({
        parentUnitId: period.parentUnitId,
        validFrom: Number.isFinite(period.validFrom) ? new Date(period.validFrom).toISOString() : null,
        recordedAt: new Date(period.recordedAt).toISOString(),
      })),
  };
}
