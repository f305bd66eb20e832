import type { EventOf } from '@vigil/contract';
import { registeredUnit, type DecisionContext } from '../context';
import { domainError, type Decision } from '../errors';
import { unhandled } from '../exhaustive';
import { compareInstants } from '../instants';
import { isLevelAbove, type RegisteredUnit, type UnitEvent, type UnitState } from './unit.state';

export function decideUnit(state: UnitState, event: UnitEvent, context: DecisionContext): Decision {
  switch (event.type) {
    case 'UnitRegistered':
      return decideRegistered(state, event, context);
    case 'UnitReassigned':
      return decideReassigned(state, event, context);
    default:
      return unhandled(event);
  }
}

function decideRegistered(state: UnitState, event: EventOf<'UnitRegistered'>, context: DecisionContext): Decision {
  const { unitId, level, parentUnitId } = event.data;
  if (state.status !== 'initial') return domainError('INVALID_TRANSITION', `unit ${unitId} is already registered`);
  if (parentUnitId === null) return null;
  const parent = registeredUnit(context, parentUnitId);
  if (!parent) return domainError('UNIT_NOT_FOUND', `parent unit ${parentUnitId} is not registered`);
  if (!isLevelAbove(parent.level, level)) {
    return domainError('INVALID_TRANSITION', `a ${level} cannot sit under ${parentUnitId}, a ${parent.level}`);
  }
  return null;
}

function decideReassigned(state: UnitState, event: EventOf<'UnitReassigned'>, context: DecisionContext): Decision {
  const { unitId, parentUnitId } = event.data;
  if (state.status !== 'registered') return domainError('UNIT_NOT_FOUND', `unit ${unitId} is not registered`);
  if (parentUnitId === unitId) return domainError('UNIT_CYCLE', `unit ${unitId} cannot be its own parent`);
  if (state.level === 'ministry') return domainError('INVALID_TRANSITION', `ministry ${unitId} has no parent to change`);
  const parent = registeredUnit(context, parentUnitId);
  if (!parent) return domainError('UNIT_NOT_FOUND', `parent unit ${parentUnitId} is not registered`);
  if (isAncestorOrSelf(context, unitId, parent)) {
    return domainError('UNIT_CYCLE', `unit ${parentUnitId} lies under ${unitId}, so it cannot become its parent`);
  }
  if (!isLevelAbove(parent.level, state.level)) {
    return domainError('INVALID_TRANSITION', `a ${state.level} cannot sit under ${parentUnitId}, a ${parent.level}`);
  }
  if (compareInstants(event.occurredAt, state.registeredAt) < 0) {
    return domainError(
      'INVALID_TRANSITION',
      `unit ${unitId} cannot move at ${event.occurredAt}, before its registration at ${state.registeredAt}`,
    );
  }
  return null;
}

/** Walks up from `start` through the loaded units; stops at a unit not loaded, or a loop in stored data. */
function isAncestorOrSelf(context: DecisionContext, unitId: string, start: RegisteredUnit): boolean {
  const seen = new Set<string>();
  for (let unit: RegisteredUnit | null = start; unit && !seen.has(unit.unitId);) {
    if (unit.unitId === unitId) return true;
    seen.add(unit.unitId);
    unit = unit.parentUnitId === null ? null : registeredUnit(context, unit.parentUnitId);
  }
  return false;
}
