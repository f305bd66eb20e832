import type { EventOf, EventType, UnitLevel } from '@vigil/contract';
import { contextOf, type DecisionContext } from '../context';
import { evolveUnit } from '../unit/unit.evolve';
import { initialUnitState, type RegisteredUnit } from '../unit/unit.state';

let sequence = 0;

/** An envelope with a fresh eventId; occurredAt defaults to 1 March 2024, 08:00 in Hanoi. */
export function event<T extends EventType>(
  type: T,
  data: EventOf<T>['data'],
  occurredAt = '2024-03-01T08:00:00+07:00',
): EventOf<T> {
  sequence += 1;
  const eventId = `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
  return { eventId, type, occurredAt, data } as EventOf<T>;
}

export function unitRegistered(
  unitId: string,
  level: UnitLevel,
  parentUnitId: string | null,
  occurredAt = '2024-01-01T00:00:00+07:00',
): EventOf<'UnitRegistered'> {
  return event('UnitRegistered', { unitId, name: `${unitId} police`, level, parentUnitId }, occurredAt);
}

export function registered(unitId: string, level: UnitLevel, parentUnitId: string | null): RegisteredUnit {
  return evolveUnit(initialUnitState, unitRegistered(unitId, level, parentUnitId)) as RegisteredUnit;
}

/** Lào Cai before the two-level model: ministry → province → district (Lào Cai city) → commune. */
export const TREE = {
  VN: registered('VN', 'ministry', null),
  LCI: registered('VN-LCI', 'province', 'VN'),
  LCC: registered('VN-LCI-LCC', 'district', 'VN-LCI'),
  COCSAN: registered('VN-LCI-LCC-COCSAN', 'commune', 'VN-LCI-LCC'),
  YBI: registered('VN-YBI', 'province', 'VN'),
} as const;

/** The whole tree, as the ingest would load it. */
export const TREE_CONTEXT: DecisionContext = contextOf(Object.values(TREE));
