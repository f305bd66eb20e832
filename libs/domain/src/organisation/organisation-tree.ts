import type { UnitLevel } from '@vigil/contract';

/**
 * The organisation tree, bitemporal (CONTRACT.md §4): a unit rolls up under a parent from a business
 * instant on (`validFrom`: −∞ for the parent it was registered with, a reassignment's occurredAt
 * otherwise), and Vigil knows so from a knowledge instant on (`recordedAt`). Every question takes both:
 * "the parent of u at business time t as known at K". Instants are epoch milliseconds. Pure: no clock,
 * no I/O; a changed tree is a new object (`with`), so a reader holding the old one is never surprised.
 */

export interface TreeUnit {
  readonly unitId: string;
  readonly name: string;
  readonly level: UnitLevel;
  /** When its registration was recorded: before then, nobody knew the unit. */
  readonly registeredAt: number;
}

export interface TreePeriod {
  readonly unitId: string;
  /** The unit stream's revision of the event: on the same `validFrom`, the later revision wins. */
  readonly revision: number;
  readonly parentUnitId: string | null;
  readonly validFrom: number;
  readonly recordedAt: number;
}

/** [from, to) in business time. */
export type Interval = readonly [from: number, to: number];

/** From knowledge instant `from` on (until the next step), these are the units an event rolls up to. */
export interface TimelineStep {
  readonly from: number;
  readonly units: readonly string[];
}

/** Deeper than any real tree (ministry › province › district › commune); stops a bitemporal cycle. */
const MAX_DEPTH = 12;

const byValidity = (a: TreePeriod, b: TreePeriod) => a.validFrom - b.validFrom || a.revision - b.revision;

export class OrganisationTree {
  /** Per set of levels, per unit, per business segment. */
  private readonly subtrees = new Map<string, Map<string, Interval[]>>();
  private readonly timelines = new Map<ReadonlySet<UnitLevel>, Map<string, TimelineStep[][]>>();

  private constructor(
    private readonly units: ReadonlyMap<string, TreeUnit>,
    /** Per unit, sorted by (validFrom, revision). */
    private readonly periods: ReadonlyMap<string, readonly TreePeriod[]>,
    /** Parent → every unit that had it as parent in some period, whenever known. */
    private readonly children: ReadonlyMap<string, ReadonlySet<string>>,
    /** The distinct finite validFrom of all periods, sorted: between two of them, no parent changes. */
    private readonly businessBreaks: readonly number[],
  ) {}

  static empty(): OrganisationTree {
    return new OrganisationTree(new Map(), new Map(), new Map(), []);
  }

  static of(units: Iterable<TreeUnit>, periods: Iterable<TreePeriod>): OrganisationTree {
    return OrganisationTree.empty().with(units, periods);
  }

  /** A new tree with these units and periods added (a period already held, same unit and revision, is ignored). */
  with(units: Iterable<TreeUnit>, periods: Iterable<TreePeriod>): OrganisationTree {
    const nextUnits = new Map(this.units);
    for (const unit of units) if (!nextUnits.has(unit.unitId)) nextUnits.set(unit.unitId, unit);
    const nextPeriods = new Map(this.periods);
    const nextChildren = new Map(this.children);
    const breaks = new Set(this.businessBreaks);
    for (const period of periods) {
      const held = nextPeriods.get(period.unitId) ?? [];
      if (held.some((p) => p.revision === period.revision)) continue;
      nextPeriods.set(period.unitId, [...held, period].sort(byValidity));
      if (period.parentUnitId !== null) {
        nextChildren.set(period.parentUnitId, new Set([...(nextChildren.get(period.parentUnitId) ?? []), period.unitId]));
      }
      if (Number.isFinite(period.validFrom)) breaks.add(period.validFrom);
    }
    return new OrganisationTree(
      nextUnits,
      nextPeriods,
      nextChildren,
      [...breaks].sort((a, b) => a - b),
    );
  }

  get size(): number {
    return this.units.size;
  }

  unit(unitId: string): TreeUnit | undefined {
    return this.units.get(unitId);
  }

  /** The unit if its registration was known at K. */
  knownUnit(unitId: string, knownAt: number): TreeUnit | undefined {
    const unit = this.units.get(unitId);
    return unit !== undefined && unit.registeredAt <= knownAt ? unit : undefined;
  }

  allUnits(): IterableIterator<TreeUnit> {
    return this.units.values();
  }

  periodsOf(unitId: string): readonly TreePeriod[] {
    return this.periods.get(unitId) ?? [];
  }

  /** The parent at t as known at K: null for a top unit, undefined when nothing about the unit was known. */
  parentAt(unitId: string, at: number, knownAt: number): string | null | undefined {
    let found: TreePeriod | undefined;
    for (const period of this.periodsOf(unitId)) {
      if (period.validFrom > at) break;
      if (period.recordedAt <= knownAt) found = period;
    }
    return found?.parentUnitId;
  }

  /** The unit and its ancestors at t as known at K, the unit first. */
  chainAt(unitId: string, at: number, knownAt: number): string[] {
    const chain = [unitId];
    let current: string | null | undefined = this.parentAt(unitId, at, knownAt);
    while (current && chain.length <= MAX_DEPTH && !chain.includes(current)) {
      chain.push(current);
      current = this.parentAt(current, at, knownAt);
    }
    return chain;
  }

  /**
   * For a fact of `unitId` at business time `at`: the units of the chain whose level is in `levels`
   * (as known), as a function of knowledge time — the steps where that set changes (a move, a
   * registration becoming known). The first step starts at −∞. Memoised per business segment.
   */
  timeline(unitId: string, at: number, levels: ReadonlySet<UnitLevel>): readonly TimelineStep[] {
    let byUnit = this.timelines.get(levels);
    if (byUnit === undefined) this.timelines.set(levels, (byUnit = new Map()));
    let bySegment = byUnit.get(unitId);
    if (bySegment === undefined) byUnit.set(unitId, (bySegment = []));
    const segment = this.segmentOf(at);
    let steps = bySegment[segment];
    if (steps === undefined) bySegment[segment] = steps = this.computeTimeline(unitId, at, levels);
    return steps;
  }

  /**
   * The units under `root` (itself included) as known at K, each with the business intervals it was
   * under it. Remembered per root and K (a tree is never changed, only replaced): do not mutate.
   */
  subtree(root: string, knownAt: number): ReadonlyMap<string, readonly Interval[]> {
    const key = `${root}\u0000${knownAt}`;
    let held = this.subtrees.get(key);
    if (held === undefined) {
      if (this.subtrees.size > 10_000) this.subtrees.clear();
      held = this.computeSubtree(root, knownAt);
      this.subtrees.set(key, held);
    }
    return held;
  }

  private computeSubtree(root: string, knownAt: number): Map<string, Interval[]> {
    const under = new Map<string, Interval[]>([[root, [[-Infinity, Infinity]]]]);
    let frontier = [root];
    for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth += 1) {
      const next: string[] = [];
      for (const parent of frontier) {
        const parentIntervals = under.get(parent)!;
        for (const child of this.children.get(parent) ?? []) {
          if (child === root) continue;
          const added = intersect(this.intervalsUnder(child, parent, knownAt), parentIntervals);
          if (added.length === 0) continue;
          const merged = union([...(under.get(child) ?? []), ...added]);
          if (!sameIntervals(merged, under.get(child))) {
            under.set(child, merged);
            next.push(child);
          }
        }
      }
      frontier = next;
    }
    return under;
  }

  /** The children of `unitId` at t as known at K. */
  childrenAt(unitId: string, at: number, knownAt: number): string[] {
    return [...(this.children.get(unitId) ?? [])].filter((child) => this.parentAt(child, at, knownAt) === unitId).sort();
  }

  /** The business intervals during which `unitId` was directly under `parent`, as known at K. */
  intervalsUnder(unitId: string, parent: string, knownAt: number): Interval[] {
    const known = this.periodsOf(unitId).filter((period) => period.recordedAt <= knownAt);
    const intervals: Interval[] = [];
    known.forEach((period, index) => {
      const end = known[index + 1]?.validFrom ?? Infinity;
      if (period.parentUnitId === parent && period.validFrom < end) intervals.push([period.validFrom, end]);
    });
    return union(intervals);
  }

  /** Whether any unit was ever recorded under `unitId` (a leaf never was). */
  isEverParent(unitId: string): boolean {
    return (this.children.get(unitId)?.size ?? 0) > 0;
  }

  /** Every unit that was ever (at any time, as known at any time) below `unitId`. */
  everBelow(unitId: string): Set<string> {
    const below = new Set<string>();
    let frontier = [unitId];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const parent of frontier)
        for (const child of this.children.get(parent) ?? [])
          if (!below.has(child) && child !== unitId) {
            below.add(child);
            next.push(child);
          }
      frontier = next;
    }
    return below;
  }

  /** The business segments of the tree: within one, no unit changes parent, whatever is known. */
  segments(): Interval[] {
    const bounds = [-Infinity, ...this.businessBreaks, Infinity];
    return bounds.slice(0, -1).map((from, index) => [from, bounds[index + 1]!] as const);
  }

  private segmentOf(at: number): number {
    let low = 0;
    let high = this.businessBreaks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.businessBreaks[mid]! <= at) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private computeTimeline(unitId: string, at: number, levels: ReadonlySet<UnitLevel>): TimelineStep[] {
    // Only the units reachable upwards at `at` can ever be in the chain; only their records move it.
    const reachable = new Set<string>([unitId]);
    let frontier = [unitId];
    while (frontier.length > 0 && reachable.size <= MAX_DEPTH * 8) {
      const next: string[] = [];
      for (const unit of frontier)
        for (const period of this.periodsOf(unit)) {
          if (period.validFrom > at || period.parentUnitId === null || reachable.has(period.parentUnitId)) continue;
          reachable.add(period.parentUnitId);
          next.push(period.parentUnitId);
        }
      frontier = next;
    }
    const instants = new Set<number>();
    for (const unit of reachable) {
      const registeredAt = this.units.get(unit)?.registeredAt;
      if (registeredAt !== undefined) instants.add(registeredAt);
      for (const period of this.periodsOf(unit)) if (period.validFrom <= at) instants.add(period.recordedAt);
    }
    const steps: TimelineStep[] = [];
    for (const from of [-Infinity, ...[...instants].sort((a, b) => a - b)]) {
      const units = this.chainAt(unitId, at, from).filter((unit) => {
        const known = this.knownUnit(unit, from);
        return known !== undefined && levels.has(known.level);
      });
      const last = steps[steps.length - 1];
      if (last === undefined || !sameUnits(last.units, units)) steps.push({ from, units });
    }
    return steps;
  }
}

function sameUnits(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((unit, index) => unit === b[index]);
}

/** Sorted, disjoint, merged. */
export function union(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter(([from, to]) => from < to).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [af, at] of a)
    for (const [bf, bt] of b) {
      const from = Math.max(af, bf);
      const to = Math.min(at, bt);
      if (from < to) out.push([from, to]);
    }
  return union(out);
}

function sameIntervals(a: readonly Interval[], b: readonly Interval[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every(([f, t], i) => f === b[i]![0] && t === b[i]![1]);
}

/** Whether the instant lies in one of the intervals. */
export function within(intervals: readonly Interval[], at: number): boolean {
  return intervals.some(([from, to]) => from <= at && at < to);
}
