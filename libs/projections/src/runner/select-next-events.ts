import type { DeadLetter, DeliveredEvent } from './delivered-event';

export interface Selection {
  /** Each stream's events that follow its last applied revision without a hole, in revision order. */
  next: DeliveredEvent[];
  /** Already applied (redelivery after a relay restart, a rebalance or a replay): skipped. */
  redelivered: DeliveredEvent[];
  /** Events after a missing revision: not applied, the stream's revision does not move. */
  gaps: DeadLetter[];
}

/**
 * The per-stream revision guard (guarantees 2 and 3): `applied` maps a stream to the last revision
 * applied (absent = none). Messages are in partition order and a stream lives in one partition.
 */
export function selectNextEvents(delivered: readonly DeliveredEvent[], applied: ReadonlyMap<string, bigint>): Selection {
  const expected = new Map<string, bigint>();
  const selection: Selection = { next: [], redelivered: [], gaps: [] };
  for (const item of delivered) {
    const { streamId, revision } = item.event;
    const want = expected.get(streamId) ?? (applied.get(streamId) ?? -1n) + 1n;
    if (revision < want) {
      selection.redelivered.push(item);
    } else if (revision === want) {
      selection.next.push(item);
      expected.set(streamId, want + 1n);
    } else {
      const reason = `revision gap in ${streamId}: expected revision ${want}, got ${revision}`;
      selection.gaps.push({ reason, original: item.original });
      expected.set(streamId, want);
    }
  }
  return selection;
}
