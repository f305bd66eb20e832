import type { CaseCategory, CaseSeverity } from '@vigil/contract';

/** The sums the rollups keep; `values` are, per family: cases (opened, cleared, prosecuted, defendants), arrests (persons), weapons (items), incidents (count, deaths, injuries). */
export type RollupFamily = 'cases' | 'arrests' | 'weapons' | 'incidents';
export type RollupValues = readonly [number, number, number, number];

/**
 * A change to a sum: from knowledge time `at` on, the fact of `unitId` that occurred at `occurredAt`
 * adds `values` under `key` ('*' for every fact, 'c:<category>', 's:<severity>', 'k:<incident kind>').
 */
export interface RollupDelta {
  readonly family: RollupFamily;
  readonly unitId: string;
  readonly occurredAt: string;
  readonly key: string;
  readonly at: string;
  readonly values: RollupValues;
}

/** The keys a case (or an arrest in it) counts under: filters by category alone or by severities alone read one of them. */
export const caseKeys = (category: CaseCategory, severity: CaseSeverity) => ['*', `c:${category}`, `s:${severity}`];

export const incidentKeys = (kind: string) => ['*', `k:${kind}`];

/** The case as the figures see it: what counts, and under which keys. */
export interface CountedCase {
  readonly unitId: string;
  readonly openedAt: string;
  readonly category: CaseCategory;
  readonly severity: CaseSeverity;
  readonly clearedAt: string | null;
  readonly prosecutedAt: string | null;
  readonly defendants: number | null;
  readonly voided: boolean;
}

export interface CountedArrest {
  readonly persons: number;
  readonly occurredAt: string;
}

const scaled = (values: RollupValues, sign: number): RollupValues => [
  values[0] * sign,
  values[1] * sign,
  values[2] * sign,
  values[3] * sign,
];

/** What a case adds to the case sums (nothing once voided). */
export function caseContribution(fact: CountedCase | undefined, sign: 1 | -1, at: string): RollupDelta[] {
  if (fact === undefined || fact.voided) return [];
  const values = scaled([1, fact.clearedAt === null ? 0 : 1, fact.prosecutedAt === null ? 0 : 1, fact.defendants ?? 0], sign);
  return caseKeys(fact.category, fact.severity).map((key) => ({
    family: 'cases',
    unitId: fact.unitId,
    occurredAt: fact.openedAt,
    key,
    at,
    values,
  }));
}

/** What an arrest adds to the arrest sums, counted with its case as known (nothing once the case is voided). */
export function arrestContribution(
  fact: CountedCase | undefined,
  arrest: CountedArrest,
  sign: 1 | -1,
  at: string,
): RollupDelta[] {
  if (fact === undefined || fact.voided) return [];
  return caseKeys(fact.category, fact.severity).map((key) => ({
    family: 'arrests',
    unitId: fact.unitId,
    occurredAt: arrest.occurredAt,
    key,
    at,
    values: [sign * arrest.persons, 0, 0, 0],
  }));
}

/** True when the arrests of the case count under other keys (or stop or start counting). */
export const arrestsMove = (before: CountedCase | undefined, after: CountedCase | undefined) =>
  before !== undefined &&
  after !== undefined &&
  (before.voided !== after.voided || before.category !== after.category || before.severity !== after.severity);

const deltaKey = (d: RollupDelta) => `${d.family}\u0000${d.unitId}\u0000${d.occurredAt}\u0000${d.key}\u0000${d.at}`;

/** Adds up deltas of the same fact, key and knowledge time, dropping those that cancel out. */
export function mergeDeltas(deltas: readonly RollupDelta[]): RollupDelta[] {
  const merged = new Map<string, RollupDelta>();
  for (const delta of deltas) {
    const key = deltaKey(delta);
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, delta);
    else
      merged.set(key, {
        ...seen,
        values: [
          seen.values[0] + delta.values[0],
          seen.values[1] + delta.values[1],
          seen.values[2] + delta.values[2],
          seen.values[3] + delta.values[3],
        ],
      });
  }
  return [...merged.values()].filter((d) => d.values.some((value) => value !== 0));
}
