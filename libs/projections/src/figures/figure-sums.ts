import type { IncidentKind } from '@vigil/contract';
import type { InstantRange } from '@vigil/domain';
import {
  caseCounts,
  incidentCounts,
  personsArrested,
  weaponsCollected,
  type CaseCounts,
  type CaseFilter,
  type FactScope,
  type IncidentCounts,
} from './fact-queries';
import { splitRange } from './range-split';
import type { RollupFamily, RollupValues } from './rollup-deltas';
import type { RollupReader } from './rollup-queries';
import type { Db, Subtree } from './subtree';

/** Where the figures of one unit's subtree, as known at asOf, are read from. */
export interface FigureContext {
  readonly db: Db;
  readonly schema: string;
  readonly unitId: string;
  readonly asOf: Date;
  readonly timeZone: string;
  /** The subtree, resolved on first use (figures read from the rollups need none). */
  readonly subtree: () => Promise<Subtree>;
  /** True when the rollups hold this unit's sums as known at asOf (rollup-queries.ts). */
  readonly rolledUp: boolean;
  readonly rollups: RollupReader;
  /** Figures already asked for in this request, by what they depend on: targets with the same terms read once. */
  readonly memo: Map<string, Promise<unknown>>;
}

export async function factScope(context: FigureContext, range: InstantRange): Promise<FactScope> {
  return { db: context.db, schema: context.schema, subtree: await context.subtree(), range, asOf: context.asOf };
}

/** The scope of a hotspot figure: a rolled-up root finds its hotspots through `hotspot_roots`, without its subtree. */
export async function hotspotScope(context: FigureContext, range: InstantRange): Promise<FactScope> {
  if (!context.rolledUp) return factScope(context, range);
  const root = { unitIds: [context.unitId], froms: ['-infinity'], tos: ['infinity'] };
  return { db: context.db, schema: context.schema, subtree: root, range, asOf: context.asOf, hotspotsViaRoot: true };
}

/** Once per request for the same unit, asOf, figure and range. */
export function remembered<T>(context: FigureContext, what: string, range: InstantRange, read: () => Promise<T>): Promise<T> {
  const key = `${context.unitId}\u0000${what}\u0000${range.from.toISOString()}\u0000${range.toExclusive.toISOString()}`;
  let figure = context.memo.get(key) as Promise<T> | undefined;
  if (figure === undefined) context.memo.set(key, (figure = read()));
  return figure;
}

interface Summed<T> {
  readonly family: RollupFamily;
  /** The rollup keys whose sums make the figure, or null when the rollups cannot answer it. */
  readonly keys: readonly string[] | null;
  readonly fromRollups: (values: RollupValues) => T;
  readonly fromFacts: (scope: FactScope) => Promise<T>;
  readonly add: (a: T, b: T) => T;
}

/** A sum over a range: its whole months and days from the rollups when they hold it, the rest (and everything otherwise) from the facts. */
async function summed<T>(context: FigureContext, range: InstantRange, figure: Summed<T>): Promise<T> {
  if (!context.rolledUp || figure.keys === null) return figure.fromFacts(await factScope(context, range));
  const { months, days, rest } = splitRange(range, context.timeZone);
  const keys = figure.keys;
  const parts = [
    months.length + days.length === 0
      ? undefined
      : context.rollups.sums({ family: figure.family, rootUnitId: context.unitId, keys, months, days }).then(figure.fromRollups),
    ...rest.map(async (part) => figure.fromFacts(await factScope(context, part))),
  ].filter((part): part is Promise<T> => part !== undefined);
  if (parts.length === 0) return figure.fromFacts(await factScope(context, range));
  const [first, ...others] = (await Promise.all(parts)) as T[];
  return others.reduce(figure.add, first as T);
}

/** The rollup keys of a case filter: one category, or some severities, or none; both at once are read from the facts. */
function caseFilterKeys(filter: CaseFilter): string[] | null {
  if (filter.category !== undefined && filter.severity !== undefined) return null;
  if (filter.category !== undefined) return [`c:${filter.category}`];
  if (filter.severity !== undefined) return [...new Set(filter.severity)].map((severity) => `s:${severity}`);
  return ['*'];
}

const addCases = (a: CaseCounts, b: CaseCounts): CaseCounts => ({
  opened: a.opened + b.opened,
  cleared: a.cleared + b.cleared,
  prosecuted: a.prosecuted + b.prosecuted,
  defendants: a.defendants + b.defendants,
});

export function casesIn(context: FigureContext, range: InstantRange, filter: CaseFilter = {}): Promise<CaseCounts> {
  return remembered(context, `cases ${JSON.stringify(filter)}`, range, () =>
    summed(context, range, {
      family: 'cases',
      keys: caseFilterKeys(filter),
      fromRollups: ([opened, cleared, prosecuted, defendants]) => ({ opened, cleared, prosecuted, defendants }),
      fromFacts: (scope) => caseCounts(scope, filter),
      add: addCases,
    }),
  );
}

export function personsArrestedIn(context: FigureContext, range: InstantRange, filter: CaseFilter = {}): Promise<number> {
  return remembered(context, `arrests ${JSON.stringify(filter)}`, range, () =>
    summed(context, range, {
      family: 'arrests',
      keys: caseFilterKeys(filter),
      fromRollups: ([persons]) => persons,
      fromFacts: (scope) => personsArrested(scope, filter),
      add: (a, b) => a + b,
    }),
  );
}

export function weaponsCollectedIn(context: FigureContext, range: InstantRange): Promise<number> {
  return remembered(context, 'weapons', range, () =>
    summed(context, range, {
      family: 'weapons',
      keys: ['*'],
      fromRollups: ([items]) => items,
      fromFacts: (scope) => weaponsCollected(scope),
      add: (a, b) => a + b,
    }),
  );
}

export function incidentsIn(
  context: FigureContext,
  range: InstantRange,
  kind: IncidentKind | null = null,
): Promise<IncidentCounts> {
  return remembered(context, `incidents ${kind}`, range, () =>
    summed(context, range, {
      family: 'incidents',
      keys: [kind === null ? '*' : `k:${kind}`],
      fromRollups: ([count, deaths, injuries]) => ({ count, deaths, injuries }),
      fromFacts: (scope) => incidentCounts(scope, kind),
      add: (a, b) => ({ count: a.count + b.count, deaths: a.deaths + b.deaths, injuries: a.injuries + b.injuries }),
    }),
  );
}
