import { domainError, type DomainError } from './errors';
import type { RegisteredUnit, UnitState } from './unit/unit.state';

/**
 * The facts from other aggregates a decision may need, loaded by the ingest beforehand
 * (see `unitsReferencedBy`): the units an event references and, for a move, the new parent's
 * ancestors. A unit absent from the map, or still initial, does not exist.
 */
export interface DecisionContext {
  readonly units: ReadonlyMap<string, UnitState>;
}

export const EMPTY_CONTEXT: DecisionContext = { units: new Map() };

export function contextOf(units: Iterable<RegisteredUnit>): DecisionContext {
  return { units: new Map([...units].map((unit) => [unit.unitId, unit])) };
}

export function registeredUnit(context: DecisionContext, unitId: string): RegisteredUnit | null {
  const unit = context.units.get(unitId);
  return unit?.status === 'registered' ? unit : null;
}

/** UNIT_NOT_FOUND unless the unit exists; `role` says what the event uses it for. */
export function requireUnit(context: DecisionContext, unitId: string, role = 'unit'): DomainError | null {
  if (registeredUnit(context, unitId)) return null;
  return domainError('UNIT_NOT_FOUND', `${role} ${unitId} is not registered`);
}
