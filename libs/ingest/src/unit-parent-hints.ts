/**
 * Each unit's parent as last read, kept across batches only to guess which unit streams a batch
 * will need, so that a unit and its ancestors are read in one round trip rather than one per
 * level of the tree. Never used to decide: the states come from the store every batch, and a
 * stale guess only reads a unit too many or leaves one for the next round trip.
 */
export class UnitParentHints {
  private readonly parents = new Map<string, string | null>();

  learn(unitId: string, parentUnitId: string | null): void {
    this.parents.set(unitId, parentUnitId);
  }

  /** The units with every ancestor the hints know of. */
  withAncestors(unitIds: Iterable<string>): string[] {
    const all = new Set<string>();
    for (const unitId of unitIds) {
      let current: string | null | undefined = unitId;
      for (let depth = 0; current && depth < MAX_HINTED_DEPTH && !all.has(current); depth += 1) {
        all.add(current);
        current = this.parents.get(current);
      }
    }
    return [...all];
  }
}

/** Deeper than any tree Vigil keeps; bounds the walk should the hints ever hold a cycle. */
const MAX_HINTED_DEPTH = 16;
