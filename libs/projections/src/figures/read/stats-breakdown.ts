import type { ChildStats } from '@vigil/contract';
import { knowledgeOf, type ReadContext } from './read-context';
import { endOfDay, unitRef } from './unit-tree';
import { statsOf, type UnitStats, type UnitStatsQuery } from './unit-stats';

type StatsOptions = Omit<UnitStatsQuery, 'unitId' | 'asOf' | 'current' | 'fromFacts'>;

/** `breakdown=children`: each child as the tree stands on `to` (as known), its own subtree counted as the unit's is. */
export async function childrenStats(context: ReadContext, unitId: string, query: StatsOptions): Promise<ChildStats[]> {
  const children = context.state.tree.childrenAt(unitId, endOfDay(context, query.to), knowledgeOf(context));
  return Promise.all(
    children.map(async (child) => {
      const { unitId: _unit, from: _from, to: _to, ...figures }: UnitStats = await statsOf(context, child, query);
      return { ...unitRef(context, child)!, ...figures };
    }),
  );
}
