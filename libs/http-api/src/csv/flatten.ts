import type { Cell } from './csv-format';

/**
 * One record of nested answers as dotted columns (CONTRACT.md §5, CSV): `hotspots.transformed`,
 * `ytd.changePct`; a list of values is one cell, its items joined by commas (`filter.severity`); a list of
 * objects is numbered (`path.0.unitId`).
 */
export function flatten(value: unknown, prefix = '', into: Record<string, Cell> = {}): Record<string, Cell> {
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) into[prefix] = value.join(',');
    else value.forEach((item, index) => flatten(item, `${prefix}.${index}`, into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix === '' ? key : `${prefix}.${key}`, into);
  } else {
    into[prefix] = value as Cell;
  }
  return into;
}

/** The columns of records in the order they first appear. */
export function columnsOf(records: readonly Record<string, Cell>[]): string[] {
  const columns = new Set<string>();
  for (const record of records) for (const column of Object.keys(record)) columns.add(column);
  return [...columns];
}
