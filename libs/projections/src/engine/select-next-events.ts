import type { StoredEvent } from '@vigil/contract';

/** An event the engine did not apply, and why. */
export interface SetAside {
  event: StoredEvent;
  reason: string;
}

export interface Selection {
  /** Each stream's events that follow its last applied revision without a hole, in revision order. */
  next: StoredEvent[];
  /** Already applied (redelivery after a relay restart, a rebalance or a replay): skipped. */
  redelivered: StoredEvent[];
  /** Events after a missing revision: not applied, the stream's revision does not move. */
  gaps: SetAside[];
}

export interface SelectOptions {
  /**
   * Take events at or below the last applied revision too (an event the guard stepped over as
   * unapplicable, retried by an operator); the stream's revision never moves back for them.
   */
  reapply?: boolean;
}

/**
 * The per-stream revision guard (guarantees 2 and 3): `applied` maps a stream to the last revision
 * applied (absent = none). Events are in delivery order, and a stream's events in revision order.
 */
export function selectNextEvents(
  events: readonly StoredEvent[],
  applied: ReadonlyMap<string, bigint>,
  options: SelectOptions = {},
): Selection {
  const expected = new Map<string, bigint>();
  const selection: Selection = { next: [], redelivered: [], gaps: [] };
  for (const event of events) {
    const { streamId, revision } = event;
    const want = expected.get(streamId) ?? (applied.get(streamId) ?? -1n) + 1n;
    if (revision < want) {
      (options.reapply ? selection.next : selection.redelivered).push(event);
    } else if (revision === want) {
      selection.next.push(event);
      expected.set(streamId, want + 1n);
    } else {
      selection.gaps.push({ event, reason: `revision gap in ${streamId}: expected revision ${want}, got ${revision}` });
      expected.set(streamId, want);
    }
  }
  return selection;
}
