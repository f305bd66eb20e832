import { engineState, type Db } from '../engine-state';

/** The units among `unitIds` that lie in `rootUnitId`'s subtree as the tree stands at `now` (as known now). */
export async function unitsInScope(
  db: Db,
  schema: string,
  rootUnitId: string,
  unitIds: readonly string[],
  now: Date,
): Promise<Set<string>> {
  const { tree } = await engineState(db, schema);
  return new Set(unitIds.filter((unitId) => tree.chainAt(unitId, now.getTime(), Infinity).includes(rootUnitId)));
}
