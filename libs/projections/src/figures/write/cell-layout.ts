import { CASE_CATEGORIES, CASE_SEVERITIES, INCIDENT_KINDS, WEAPON_KINDS } from '@vigil/contract';
import { caseKey, type Family, type Values } from './fact-delta';

/**
 * A rollup row holds a whole family for one unit and day: every key's values side by side in one
 * array (a case's 36 category × severity pairs × [opened, cleared, prosecuted, defendants], …), so a
 * batch writes one row per unit, family and day rather than one per key.
 */
export interface CellLayout {
  readonly keys: readonly string[];
  /** Values kept per key (the first `width` of a fact's values). */
  readonly width: number;
  readonly size: number;
  slotOf(key: string): number;
}

function layout(keys: readonly string[], width: number): CellLayout {
  const index = new Map(keys.map((key, i) => [key, i]));
  return {
    keys,
    width,
    size: keys.length * width,
    slotOf: (key) => {
      const i = index.get(key);
      if (i === undefined) throw new RangeError(`no rollup slot for key ${JSON.stringify(key)}`);
      return i * width;
    },
  };
}

const CASE_KEYS = CASE_CATEGORIES.flatMap((category) => CASE_SEVERITIES.map((severity) => caseKey(category, severity)));

export const LAYOUTS: Readonly<Record<Family, CellLayout>> = {
  case: layout(CASE_KEYS, 4),
  arrest: layout(CASE_KEYS, 1),
  weapons: layout(WEAPON_KINDS, 1),
  incident: layout(INCIDENT_KINDS, 3),
};

/** Adds a key's values into a family's row. */
export function addInto(row: number[], family: Family, key: string, values: Values): void {
  const { width, slotOf } = LAYOUTS[family];
  const slot = slotOf(key);
  for (let i = 0; i < width; i += 1) row[slot + i] = (row[slot + i] ?? 0) + values[i]!;
}

/** A family's row read back as values by key (keys with nothing left out). */
export function valuesByKey(family: Family, row: readonly number[]): Map<string, Values> {
  const { keys, width } = LAYOUTS[family];
  const out = new Map<string, Values>();
  keys.forEach((key, k) => {
    const at = k * width;
    const values = [0, 1, 2, 3].map((i) => (i < width ? (row[at + i] ?? 0) : 0)) as unknown as Values;
    if (values.some((v) => v !== 0)) out.set(key, values);
  });
  return out;
}
