import type { UnitLevel } from '@vigil/contract';
import type { Interval } from '@vigil/domain';
import { engineState, type Db, type EngineState } from '../engine-state';
import { instantText } from '../../sql/copy-rows';
import { ROLLUP_LEVELS } from '../write/rollup-deltas';

/** One answer's reading: the schema, the tree, what is known (null: everything, now), and reads shared by its parts. */
export interface ReadContext {
  readonly db: Db;
  readonly schema: string;
  readonly state: EngineState;
  readonly knownAt: number | null;
  /** Every figure from the facts alone, without the sums kept ahead: what audits and tests compare them with. */
  readonly fromFacts: boolean;
  readonly memo: Map<string, Promise<unknown>>;
}

export async function readContext(db: Db, schema: string, asOf: Date | null, fromFacts = false): Promise<ReadContext> {
  const knownAt = asOf === null ? null : asOf.getTime();
  return { db, schema, state: await engineState(db, schema), knownAt, fromFacts, memo: new Map() };
}

/** Knowledge time as a number for the tree: now is every record. */
export const knowledgeOf = (context: ReadContext) => context.knownAt ?? Infinity;

/** Runs a read once per answer. */
export function remembered<T>(context: ReadContext, key: string, read: () => Promise<T>): Promise<T> {
  let held = context.memo.get(key) as Promise<T> | undefined;
  if (held === undefined) {
    held = read();
    context.memo.set(key, held);
  }
  return held;
}

/** The level of a unit whose subtree is summed ahead (rollups), as known; undefined for any other. */
export function rolledUpLevel(context: ReadContext, unitId: string): UnitLevel | undefined {
  if (context.fromFacts) return undefined;
  const unit = context.state.tree.knownUnit(unitId, knowledgeOf(context));
  return unit !== undefined && ROLLUP_LEVELS.has(unit.level) ? unit.level : undefined;
}

/** The units under a unit with the business intervals each was under it, as SQL arrays `(unit_id, from, to)`. */
export interface SubtreeArrays {
  readonly unitIds: string[];
  readonly froms: (string | null)[];
  readonly tos: (string | null)[];
}

/** The unit alone, at every business instant: its own facts, wherever it stood (the tree as it stands, `basis=current`). */
export function ownArrays(unitId: string): SubtreeArrays {
  return { unitIds: [unitId], froms: ['-infinity'], tos: ['infinity'] };
}

/** A unit's subtree as the tree stood, or (`own`) the unit alone. */
export const unitArrays = (context: ReadContext, unitId: string, own = false): SubtreeArrays =>
  own ? ownArrays(unitId) : subtreeArrays(context, unitId);

/** Arrays of each subtree the tree remembers (a tree's subtrees are never changed). */
const arraysOf = new WeakMap<ReadonlyMap<string, readonly Interval[]>, SubtreeArrays>();

export function subtreeArrays(context: ReadContext, unitId: string): SubtreeArrays {
  const subtree = context.state.tree.subtree(unitId, knowledgeOf(context));
  let arrays = arraysOf.get(subtree);
  if (arrays === undefined) {
    arrays = { unitIds: [], froms: [], tos: [] };
    for (const [unit, intervals] of subtree)
      for (const [from, to] of intervals) {
        arrays.unitIds.push(unit);
        arrays.froms.push(instantText(from));
        arrays.tos.push(instantText(to));
      }
    arraysOf.set(subtree, arrays);
  }
  return arrays;
}
