import type { UnitState } from './unit/unit.state';

/**
 * Who may see or write what (guarantee 7): a caller's scope is the subtree of its unit, as the
 * tree stands now; an operator's is everything. Pure: each side passes the tree it has — ingest the
 * unit states it loaded, the query side the parents a read model answered.
 */
export interface Scope {
  readonly role: string;
  readonly unit: string;
}

/** A unit's parent in a tree: `null` for a root, `undefined` for a unit the tree does not hold. */
export type ParentOf = (unitId: string) => string | null | undefined;

/** Deeper than any tree Vigil keeps; stops the walk should a tree ever hold a cycle. */
const MAX_TREE_DEPTH = 16;

const seesEverything = (scope: Scope) => scope.role === 'operator';

/** The parents of loaded unit states (a unit still initial is not in the tree). */
export function parentsOfUnits(units: ReadonlyMap<string, UnitState>): ParentOf {
  return (unitId) => {
    const unit = units.get(unitId);
    return unit && unit.status !== 'initial' ? unit.parentUnitId : undefined;
  };
}

/** The parents listed in a map (unit → parent), as a read model answers them. */
export const parentsFrom =
  (parents: ReadonlyMap<string, string | null>): ParentOf =>
  (unitId) =>
    parents.get(unitId);

/** Is `unitId` the scope root itself or somewhere under it (walks up from `unitId`)? */
export function isWithinScope(parentOf: ParentOf, scopeRoot: string, unitId: string): boolean {
  let current: string | null | undefined = unitId;
  for (let depth = 0; current && depth < MAX_TREE_DEPTH; depth += 1) {
    if (current === scopeRoot) return true;
    current = parentOf(current);
  }
  return false;
}

/** The units among `unitIds` a caller may not read (empty for an operator). */
export function unitsOutsideScope(scope: Scope, parentOf: ParentOf, unitIds: readonly string[]): string[] {
  if (seesEverything(scope)) return [];
  return unitIds.filter((unitId) => !isWithinScope(parentOf, scope.unit, unitId));
}

/**
 * The first unit an event acts on (`scopeUnitsOf`) that lies outside the caller's scope: `null`
 * (above every unit) is outside any but an operator's; a unit registered nowhere is no one's
 * secret, so it is left to the rules (UNIT_NOT_FOUND). `undefined` when the write is in scope.
 */
export function writeOutsideScope(
  scope: Scope,
  units: ReadonlyMap<string, UnitState>,
  touched: readonly (string | null)[],
): string | null | undefined {
  if (seesEverything(scope)) return undefined;
  const parentOf = parentsOfUnits(units);
  return touched.find(
    (unitId) => unitId === null || (units.get(unitId)?.status === 'registered' && !isWithinScope(parentOf, scope.unit, unitId)),
  );
}
