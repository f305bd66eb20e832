/**
 * The facts figures are summed from, as point deltas: a fact counts from the knowledge instant it was
 * recorded (`+`), and stops counting when a later event replaces it (`−` at that instant, `+` for the
 * new version). Summing the deltas known at K gives every fact as it was known at K, in any order.
 */
export const FAMILIES = ['case', 'arrest', 'weapons', 'incident'] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * What a fact adds, by family: case [opened, cleared, prosecuted, defendants] (bucketed by the day it
 * was opened), arrest [persons], weapons [items], incident [count, deaths, injuries].
 */
export type Values = readonly [number, number, number, number];

export interface Fact {
  readonly unitId: string;
  readonly family: Family;
  /** The business instant the fact is bucketed by (a case: when it was opened), epoch ms. */
  readonly occurredAt: number;
  /** case and arrest: `category|severity` (of the case, as classified); weapons and incident: the kind. */
  readonly key: string;
  readonly values: Values;
  /** What an auditor looks up: a case id, `caseId/arrestId`, or the event id of a measure. */
  readonly item: string;
  /** Global log positions of the events that make the fact what it is. */
  readonly positions: readonly string[];
  /** A case's clearance and prosecution instants (business time), for figures as they stood on a day. */
  readonly clearedAt: number | null;
  readonly prosecutedAt: number | null;
}

export interface FactDelta {
  readonly fact: Fact;
  readonly sign: 1 | -1;
  readonly knownAt: number;
}

export const caseKey = (category: string, severity: string) => `${category}|${severity}`;

export const signed = (values: Values, sign: number): Values => [
  values[0] * sign,
  values[1] * sign,
  values[2] * sign,
  values[3] * sign,
];

export const addValues = (a: Values, b: Values): Values => [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];

export const isZero = (values: Values) => values[0] === 0 && values[1] === 0 && values[2] === 0 && values[3] === 0;

/** Deltas of the same fact at the same instant cancel (a version replaced the moment it was recorded). */
export function netDeltas(deltas: readonly FactDelta[]): FactDelta[] {
  const net = new Map<string, { delta: FactDelta; sign: number }>();
  for (const delta of deltas) {
    const key = `${delta.knownAt}\u0000${JSON.stringify(delta.fact)}`;
    const held = net.get(key);
    if (held === undefined) net.set(key, { delta, sign: delta.sign });
    else held.sign += delta.sign;
  }
  return [...net.values()].flatMap(({ delta, sign }) =>
    sign === 0 ? [] : Array.from({ length: Math.abs(sign) }, () => ({ ...delta, sign: Math.sign(sign) as 1 | -1 })),
  );
}
