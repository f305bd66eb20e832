import type { CategoryEvent, UnitLevel } from '@vigil/contract';
import { INITIAL, type Initial } from '../initial';
import { compareInstants } from '../instants';

export type UnitEvent = CategoryEvent<'units'>;

/** The unit rolls up under `parentUnitId` from `from` (the event's occurredAt) on. */
export interface ParentPeriod {
  readonly parentUnitId: string | null;
  readonly from: string;
}

export interface RegisteredUnit {
  readonly status: 'registered';
  readonly unitId: string;
  readonly name: string;
  readonly level: UnitLevel;
  /** The parent as the tree stands now. */
  readonly parentUnitId: string | null;
  /** Every parent it had, in order of `from`; the first is the one it was registered under. */
  readonly parents: readonly ParentPeriod[];
  readonly registeredAt: string;
}

export type UnitState = Initial | RegisteredUnit;

export const initialUnitState: UnitState = INITIAL;

const LEVEL_RANK: Readonly<Record<UnitLevel, number>> = { ministry: 0, province: 1, district: 2, commune: 3 };

/** ministry > province > district > commune; a level may be skipped (a commune under a province). */
export function isLevelAbove(parent: UnitLevel, child: UnitLevel): boolean {
  return LEVEL_RANK[parent] < LEVEL_RANK[child];
}

/**
 * The parent at an instant. Before the first recorded move the unit sits under the parent it was
 * registered with, even before its registration (figures may be reported for earlier dates).
 */
export function parentAsOf(unit: RegisteredUnit, at: string): string | null {
  let parent = unit.parents[0]?.parentUnitId ?? unit.parentUnitId;
  for (const period of unit.parents.slice(1)) {
    if (compareInstants(period.from, at) > 0) break;
    parent = period.parentUnitId;
  }
  return parent;
}
