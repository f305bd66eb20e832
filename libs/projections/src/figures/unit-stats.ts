import type { CaseCategory } from '@vigil/contract';
import { periodRange } from '@vigil/domain';
import { hotspotEventCounts, type HotspotEventCounts, type IncidentCounts } from './fact-queries';
import { casesIn, hotspotScope, incidentsIn, personsArrestedIn, weaponsCollectedIn, type FigureContext } from './figure-sums';
import { RollupReader, rolledUpRoots } from './rollup-queries';
import type { Db } from './subtree';
import { subtreeResolver } from './subtree-cache';

/** CONTRACT.md §5, GET /v1/units/{unitId}/stats. */
export interface UnitStats {
  readonly unitId: string;
  readonly from: string;
  readonly to: string;
  readonly casesOpened: number;
  readonly casesCleared: number;
  readonly casesProsecuted: number;
  readonly personsArrested: number;
  /** Of the cases opened in [from, to] and prosecuted by asOf. */
  readonly defendants: number;
  readonly weaponsCollected: number;
  readonly hotspots: HotspotEventCounts;
  readonly incidents: IncidentCounts;
}

export interface UnitStatsQuery {
  readonly unitId: string;
  /** Calendar dates in timeZone, both included. */
  readonly from: string;
  readonly to: string;
  /** Narrows the case figures (cases, arrests, defendants); the others have no category. */
  readonly category?: CaseCategory;
  readonly asOf: Date;
  readonly timeZone: string;
}

export async function unitStats(db: Db, schema: string, query: UnitStatsQuery): Promise<UnitStats> {
  const { unitId, asOf, timeZone } = query;
  const subtreeOf = subtreeResolver(db, schema, asOf);
  const context: FigureContext = {
    db,
    schema,
    unitId,
    asOf,
    timeZone,
    subtree: () => subtreeOf(unitId),
    rolledUp: (await rolledUpRoots(db, schema, [unitId], asOf, timeZone)).has(unitId),
    rollups: new RollupReader(db, schema, asOf),
    memo: new Map(),
  };
  const range = periodRange(query.from, query.to, timeZone);
  const filter = query.category === undefined ? {} : { category: query.category };
  const [cases, persons, weapons, hotspots, incidents] = await Promise.all([
    casesIn(context, range, filter),
    personsArrestedIn(context, range, filter),
    weaponsCollectedIn(context, range),
    hotspotScope(context, range).then(hotspotEventCounts),
    incidentsIn(context, range),
  ]);
  return {
    unitId: query.unitId,
    from: query.from,
    to: query.to,
    casesOpened: cases.opened,
    casesCleared: cases.cleared,
    casesProsecuted: cases.prosecuted,
    personsArrested: persons,
    defendants: cases.defendants,
    weaponsCollected: weapons,
    hotspots,
    incidents,
  };
}
