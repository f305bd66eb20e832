import type { CaseCategory } from '@vigil/contract';
import { periodRange } from '../progress';
import {
  caseCounts,
  hotspotEventCounts,
  incidentCounts,
  personsArrested,
  weaponsCollected,
  type FactScope,
  type HotspotEventCounts,
  type IncidentCounts,
} from './fact-queries';
import { resolveSubtree, type Db } from './subtree';

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
  const subtree = await resolveSubtree(db, schema, query.unitId, query.asOf);
  const scope: FactScope = { db, schema, subtree, asOf: query.asOf, range: periodRange(query.from, query.to, query.timeZone) };
  const filter = query.category === undefined ? {} : { category: query.category };
  const [cases, persons, weapons, hotspots, incidents] = await Promise.all([
    caseCounts(scope, filter),
    personsArrested(scope, filter),
    weaponsCollected(scope),
    hotspotEventCounts(scope),
    incidentCounts(scope),
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
