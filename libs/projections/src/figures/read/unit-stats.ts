import type { CaseCategory, CaseSeverity } from '@vigil/contract';
import { endOfLocalDayExclusive, startOfLocalDay } from '@vigil/domain';
import type { Db } from '../engine-state';
import { filteredTotal, kindTotal } from './case-keys';
import { hotspotEventCounts, type HotspotEventCounts } from './hotspot-figures';
import { readContext, type ReadContext } from './read-context';
import { sums } from './sums';

/** CONTRACT.md §5, GET /v1/units/{unitId}/stats. */
export interface UnitStats {
  readonly unitId: string;
  readonly from: string;
  readonly to: string;
  readonly casesOpened: number;
  readonly casesCleared: number;
  readonly casesProsecuted: number;
  readonly personsArrested: number;
  /** Of the cases opened in [from, to] and prosecuted. */
  readonly defendants: number;
  readonly weaponsCollected: number;
  readonly hotspots: HotspotEventCounts;
  readonly incidents: { readonly count: number; readonly deaths: number; readonly injuries: number };
}

export interface UnitStatsQuery {
  readonly unitId: string;
  /** Calendar dates, both included. */
  readonly from: string;
  readonly to: string;
  /** Narrow the case figures (cases, arrests, defendants); the others have no category. */
  readonly category?: CaseCategory;
  readonly severity?: readonly CaseSeverity[];
  /** Knowledge time, inclusive. */
  readonly asOf: Date;
  /** asOf is now: the current sums answer. */
  readonly current?: boolean;
  readonly timeZone: string;
  /** Read every figure from the facts alone (audits, tests). */
  readonly fromFacts?: boolean;
}

/** The figures of one unit's subtree over [from, to], as known. */
export async function statsOf(
  context: ReadContext,
  unitId: string,
  query: Omit<UnitStatsQuery, 'unitId' | 'asOf' | 'current' | 'fromFacts'>,
): Promise<UnitStats> {
  const days = { from: query.from, to: query.to };
  const filter = { category: query.category ?? null, severity: query.severity ?? null };
  const zone = context.state.timeZone;
  const scope = {
    unitId,
    from: startOfLocalDay(query.from, zone).getTime(),
    toExclusive: endOfLocalDayExclusive(query.to, zone).getTime(),
    standsUntil: null,
  };
  const [cases, arrests, weapons, incidents, hotspots] = await Promise.all([
    sums(context, unitId, 'case', days),
    sums(context, unitId, 'arrest', days),
    sums(context, unitId, 'weapons', days),
    sums(context, unitId, 'incident', days),
    hotspotEventCounts(context, scope),
  ]);
  const [opened, cleared, prosecuted, defendants] = filteredTotal(cases, filter);
  const [count, deaths, injuries] = kindTotal(incidents);
  return {
    unitId,
    from: query.from,
    to: query.to,
    casesOpened: opened,
    casesCleared: cleared,
    casesProsecuted: prosecuted,
    personsArrested: filteredTotal(arrests, filter)[0],
    defendants,
    weaponsCollected: kindTotal(weapons)[0],
    hotspots,
    incidents: { count, deaths, injuries },
  };
}

export async function unitStats(db: Db, schema: string, query: UnitStatsQuery): Promise<UnitStats> {
  const context = await readContext(db, schema, query.current ? null : query.asOf, query.fromFacts);
  if (context.state.timeZone !== query.timeZone)
    throw new Error(`the figures were bucketed in ${context.state.timeZone}, not ${query.timeZone}: rebuild them`);
  return statsOf(context, query.unitId, query);
}
