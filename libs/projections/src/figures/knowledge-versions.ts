/**
 * Folds one aggregate's events into the versions of its fact, each valid in knowledge time
 * [recordedFrom, recordedTo). Events recorded at the same instant (one posted batch) make one
 * version: nobody could ask for the state between them.
 */
export interface Versioned<S> {
  readonly state: S;
  readonly recordedFrom: string;
  readonly recordedTo: string | null;
}

export interface VersionFold<S> {
  /** Versions to insert, in order; all but the last are closed. */
  readonly inserted: Versioned<S>[];
  /** When the version current before the batch stops being current (null when there was none, or nothing changed). */
  readonly closedAt: string | null;
}

export function foldVersions<S, E extends { recordedAt: string }>(
  current: S | undefined,
  events: readonly E[],
  evolve: (state: S | undefined, event: E) => S | undefined,
): VersionFold<S> {
  const inserted: { state: S; recordedFrom: string; recordedTo: string | null }[] = [];
  let state = current;
  let closedAt: string | null = null;
  for (const event of events) {
    const next = evolve(state, event);
    if (next === undefined || next === state) continue;
    state = next;
    const last = inserted.at(-1);
    if (last !== undefined && last.recordedFrom === event.recordedAt) {
      last.state = next;
      continue;
    }
    if (last !== undefined) last.recordedTo = event.recordedAt;
    else if (current !== undefined) closedAt = event.recordedAt;
    inserted.push({ state: next, recordedFrom: event.recordedAt, recordedTo: null });
  }
  return { inserted, closedAt };
}

/** Groups events by a key, keeping each group's order (the order of its stream). */
export function groupBy<E>(events: readonly E[], keyOf: (event: E) => string): Map<string, E[]> {
  const groups = new Map<string, E[]>();
  for (const event of events) {
    const key = keyOf(event);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [event]);
    else group.push(event);
  }
  return groups;
}
