import type { StoredEvent } from '@vigil/contract';
import { selectNextEvents } from './select-next-events';

const stored = (streamId: string, revision: bigint): StoredEvent => ({ streamId, revision }) as StoredEvent;
const revisions = (events: readonly StoredEvent[]) => events.map((event) => `${event.streamId}@${event.revision}`);

describe('selectNextEvents', () => {
  it('takes each stream’s events from the revision after the last applied one, skipping redelivered ones', () => {
    const batch = [stored('a', 0n), stored('a', 1n), stored('b', 3n), stored('a', 2n), stored('b', 4n)];
    const selection = selectNextEvents(
      batch,
      new Map([
        ['a', 0n],
        ['b', 3n],
      ]),
    );
    expect(revisions(selection.next)).toEqual(['a@1', 'a@2', 'b@4']);
    expect(revisions(selection.redelivered)).toEqual(['a@0', 'b@3']);
    expect(selection.gaps).toEqual([]);
  });

  it('sets aside every event after a missing revision, with the reason', () => {
    const selection = selectNextEvents([stored('a', 0n), stored('a', 2n), stored('a', 3n)], new Map());
    expect(revisions(selection.next)).toEqual(['a@0']);
    expect(selection.gaps.map((gap) => [revisions([gap.event])[0], gap.reason])).toEqual([
      ['a@2', 'revision gap in a: expected revision 1, got 2'],
      ['a@3', 'revision gap in a: expected revision 1, got 3'],
    ]);
  });

  it('takes an event the guard stepped over again when asked to reapply it, but never one after a gap', () => {
    const applied = new Map([['a', 4n]]);
    const retried = selectNextEvents([stored('a', 2n)], applied, { reapply: true });
    expect([revisions(retried.next), retried.redelivered, retried.gaps]).toEqual([['a@2'], [], []]);
    const early = selectNextEvents([stored('a', 6n)], applied, { reapply: true });
    expect(early.gaps.map((gap) => gap.reason)).toEqual(['revision gap in a: expected revision 5, got 6']);
  });
});
