import type { UnitState } from '@vigil/domain';

/** Is `unitId` the scope root itself or somewhere under it, in the tree as it stands now? */
export function isWithinScope(units: ReadonlyMap<string, UnitState>, scopeRoot: string, unitId: string): boolean {
  let current: string | null | undefined = unitId;
  for (let depth = 0; current && depth < 16; depth += 1) {
    if (current === scopeRoot) return true;
    const unit = units.get(current);
    current = unit && unit.status !== 'initial' ? unit.parentUnitId : null;
  }
  return false;
}

export function isRegistered(units: ReadonlyMap<string, UnitState>, unitId: string): boolean {
  return units.get(unitId)?.status === 'registered';
}
