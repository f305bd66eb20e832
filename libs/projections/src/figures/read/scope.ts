import { engineState, type Db } from '../engine-state';

/**
 * The parent of each of `unitIds` and of every unit above them, as the tree stands at `now` (as known
 * now): what the scope rules of libs/domain walk up (parentsFrom).
 */
export async function unitParentsNow(
  db: Db,
  schema: string,
  unitIds: readonly string[],
  now: Date,
): Promise<Map<string, string | null>> {
  const { tree } = await engineState(db, schema);
  const parents = new Map<string, string | null>();
  for (const unitId of unitIds) {
    for (const unit of tree.chainAt(unitId, now.getTime(), Infinity)) {
      const parent = tree.parentAt(unit, now.getTime(), Infinity);
      if (parent !== undefined) parents.set(unit, parent);
    }
  }
  return parents;
}
