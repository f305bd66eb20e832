import type { EventOf } from '@vigil/contract';
import { unhandled } from '../exhaustive';
import { compareInstants } from '../instants';
import type { ParentPeriod, RegisteredUnit, UnitEvent, UnitState } from './unit.state';

export function evolveUnit(state: UnitState, event: UnitEvent): UnitState {
  switch (event.type) {
    case 'UnitRegistered':
      return registered(event);
    case 'UnitReassigned':
      return state.status === 'registered' ? reassigned(state, event) : state;
    default:
      return unhandled(event);
  }
}

function registered(event: EventOf<'UnitRegistered'>): RegisteredUnit {
  const { unitId, name, level, parentUnitId } = event.data;
  return {
    status: 'registered',
    unitId,
    name,
    level,
    parentUnitId,
    parents: [{ parentUnitId, from: event.occurredAt }],
    registeredAt: event.occurredAt,
  };
}

/** Moves may arrive out of order: the history stays sorted, and the latest move is the current parent. */
function reassigned(unit: RegisteredUnit, event: EventOf<'UnitReassigned'>): RegisteredUnit {
  const move: ParentPeriod = { parentUnitId: event.data.parentUnitId, from: event.occurredAt };
  const later = unit.parents.findIndex((period, index) => index > 0 && compareInstants(period.from, move.from) > 0);
  const at = later === -1 ? unit.parents.length : later;
  const parents = [...unit.parents.slice(0, at), move, ...unit.parents.slice(at)];
  return { ...unit, parents, parentUnitId: parents[parents.length - 1]!.parentUnitId };
}
