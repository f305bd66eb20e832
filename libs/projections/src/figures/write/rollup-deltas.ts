import type { UnitLevel } from '@vigil/contract';
import type { TimelineStep } from '@vigil/domain';
import { isZero, type Family, type FactDelta, type Values } from './fact-delta';

/**
 * The levels whose subtrees are summed ahead (rollups): a ministry or a province holds thousands of
 * units and hundreds of thousands of facts; below them a subtree is small enough to sum its facts.
 */
export const ROLLUP_LEVELS: ReadonlySet<UnitLevel> = new Set(['ministry', 'province']);

/** A business bucket: a day, or a month (its first day). */
export type Grain = 'd' | 'm';

/**
 * The grains each rollup level keeps. A province's days hold a few dozen facts: they are read from the
 * facts, and only its months are summed ahead. The ministry's days hold a country's: both are summed.
 */
export const GRAINS: Readonly<Partial<Record<UnitLevel, readonly Grain[]>>> = { ministry: ['d', 'm'], province: ['m'] };

export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/** A signed sum for a rollup unit, a family, a bucket and a key, from knowledge instant `knownAt` on. */
export interface RollupDelta {
  readonly unitId: string;
  readonly family: Family;
  readonly grain: Grain;
  readonly bucket: string;
  readonly key: string;
  readonly knownAt: number;
  readonly values: Values;
}

/** Adds rollup deltas, summing those of the same cell and instant; zero sums are left out. */
export class RollupDeltas {
  private readonly cells = new Map<string, RollupDelta>();

  /** `levelOf`: the level of a rollup unit (which grains it keeps). */
  constructor(private readonly levelOf: (unitId: string) => UnitLevel | undefined) {}

  /** Adds `values` × `sign` to the unit's cells of the day (each grain its level keeps). */
  add(unitId: string, family: Family, day: string, key: string, knownAt: number, values: Values, sign = 1): void {
    for (const grain of GRAINS[this.levelOf(unitId)!] ?? []) {
      const bucket = grain === 'd' ? day : monthOf(day);
      const id = `${unitId}|${family}|${grain}|${bucket}|${key}|${knownAt}`;
      const held = this.cells.get(id);
      if (held === undefined) {
        const signedValues: Values = [values[0] * sign, values[1] * sign, values[2] * sign, values[3] * sign];
        this.cells.set(id, { unitId, family, grain, bucket, key, knownAt, values: signedValues });
      } else {
        const sum = held.values as [number, number, number, number];
        for (let i = 0; i < 4; i += 1) sum[i] = sum[i]! + values[i]! * sign;
      }
    }
  }

  /** A fact delta counted under each rollup unit its chain reaches, as the tree's timeline says, known from when. */
  addFact(delta: FactDelta, day: string, steps: readonly TimelineStep[]): void {
    const { fact, sign, knownAt } = delta;
    contribute(steps, knownAt, (unitId, at, direction) =>
      this.add(unitId, fact.family, day, fact.key, at, fact.values, sign * direction),
    );
  }

  get size(): number {
    return this.cells.size;
  }

  toArray(): RollupDelta[] {
    return [...this.cells.values()].filter((delta) => !isZero(delta.values));
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
