import type { UnitLevel } from '@vigil/contract';
import type { TimelineStep } from '@vigil/domain';
import { addInto, LAYOUTS } from './cell-layout';
import { signed, type Family, type FactDelta, type Values } from './fact-delta';

/**
 * The levels whose subtrees are summed ahead (rollups): a ministry or a province holds thousands of
 * units and hundreds of thousands of facts; below them a subtree is small enough to sum its facts.
 */
export const ROLLUP_LEVELS: ReadonlySet<UnitLevel> = new Set(['ministry', 'province']);

/** A unit's family on one day, from knowledge instant `knownAt` on: signed sums in its cell layout. */
export interface RollupDelta {
  readonly unitId: string;
  readonly family: Family;
  readonly day: string;
  readonly knownAt: number;
  readonly row: number[];
}

/** Adds rollup deltas into one row per unit, family, day and knowledge instant. */
export class RollupDeltas {
  private readonly rows = new Map<string, RollupDelta>();

  add(unitId: string, family: Family, day: string, key: string, knownAt: number, values: Values): void {
    const id = `${unitId}\u0000${family}\u0000${day}\u0000${knownAt}`;
    let delta = this.rows.get(id);
    if (delta === undefined) {
      delta = { unitId, family, day, knownAt, row: new Array<number>(LAYOUTS[family].size).fill(0) };
      this.rows.set(id, delta);
    }
    addInto(delta.row, family, key, values);
  }

  /** A fact delta counted under each rollup unit its chain reaches, as the tree's timeline says, known from when. */
  addFact(delta: FactDelta, day: string, steps: readonly TimelineStep[]): void {
    const { fact, sign, knownAt } = delta;
    contribute(steps, knownAt, (unitId, at, direction) =>
      this.add(unitId, fact.family, day, fact.key, at, signed(fact.values, sign * direction)),
    );
  }

  get size(): number {
    return this.rows.size;
  }

  toArray(): RollupDelta[] {
    return [...this.rows.values()].filter((delta) => delta.row.some((v) => v !== 0));
  }
}

/**
 * The bilinear heart of the figures: a delta recorded at `knownAt` counts under the units of the
 * timeline step in force then, and, at each later step, leaves the units that drop out and joins
 * those that come in. The sum of all of them as known at K is the fact counted under its chain as
 * known at K, whichever arrived first, the fact or the tree.
 */
export function contribute(
  steps: readonly TimelineStep[],
  knownAt: number,
  emit: (unitId: string, at: number, direction: 1 | -1) => void,
): void {
  let current: readonly string[] = [];
  let started = false;
  for (const step of steps) {
    if (step.from <= knownAt) {
      current = step.units;
      continue;
    }
    if (!started) {
      for (const unitId of current) emit(unitId, knownAt, 1);
      started = true;
    }
    for (const unitId of current) if (!step.units.includes(unitId)) emit(unitId, step.from, -1);
    for (const unitId of step.units) if (!current.includes(unitId)) emit(unitId, step.from, 1);
    current = step.units;
  }
  if (!started) for (const unitId of current) emit(unitId, knownAt, 1);
}

