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

/** Where a unit lies for a caller: its scope (the root or under it), the path above its root, or elsewhere. */
export type Placement = 'within' | 'above' | 'outside';

export function placementOf(parentOf: ParentOf, scopeRoot: string, unitId: string): Placement {
  if (isWithinScope(parentOf, scopeRoot, unitId)) return 'within';
  return isWithinScope(parentOf, unitId, scopeRoot) ? 'above' : 'outside';
}

/** What `/v1/units` shows an analyst: its subtree and the path above its root (everything to an operator). */
export function isVisibleUnit(scope: Scope, parentOf: ParentOf, unitId: string): boolean {
  return seesEverything(scope) || placementOf(parentOf, scope.unit, unitId) !== 'outside';
}

/** A target as a caller may read it: for which unit's subtree it is evaluated. */
export interface VisibleTarget<T> {
  readonly target: T;
  /** The target's own unit, or the caller's root when the target's unit lies above it. */
  readonly evaluatedFor: string;
}

/**
 * CONTRACT.md §5 1.1, Scope: an analyst sees a directive issued by a unit in its subtree or on the path
 * above its root, or with a target in its subtree; of its targets, those whose unit lies in either place
 * (the others are left out). A target whose unit lies above the analyst's root is evaluated for that root,
 * as `unitId=` would. Null when the directive is not the caller's to see.
 */
export function visibleDirective<T extends { readonly unitId: string }>(
  scope: Scope,
  parentOf: ParentOf,
  directive: { readonly issuedByUnitId: string; readonly targets: readonly T[] },
): VisibleTarget<T>[] | null {
  if (seesEverything(scope)) return directive.targets.map((target) => ({ target, evaluatedFor: target.unitId }));
  const placed = directive.targets.map((target) => ({ target, placement: placementOf(parentOf, scope.unit, target.unitId) }));
  const issuer = placementOf(parentOf, scope.unit, directive.issuedByUnitId);
  if (issuer === 'outside' && !placed.some(({ placement }) => placement === 'within')) return null;
  return placed
    .filter(({ placement }) => placement !== 'outside')
    .map(({ target, placement }) => ({ target, evaluatedFor: placement === 'above' ? scope.unit : target.unitId }));
}
