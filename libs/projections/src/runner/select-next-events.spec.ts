import type { StoredEvent } from '@vigil/contract';
import type { DeliveredEvent } from './delivered-event';
import { selectNextEvents } from './select-next-events';

const delivered = (streamId: string, revision: bigint, offset: number): DeliveredEvent => ({
  event: { streamId, revision } as StoredEvent,
  original: { topic: 't', partition: 0, offset: String(offset), key: streamId, value: null },
});
const revisions = (items: readonly DeliveredEvent[]) => items.map((item) => `${item.event.streamId}@${item.event.revision}`);

describe('selectNextEvents', () => {
  it('takes each stream’s events from the revision after the last applied one, skipping redelivered ones', () => {
    const batch = [
      delivered('a', 0n, 0),
      delivered('a', 1n, 1),
      delivered('b', 3n, 2),
      delivered('a', 2n, 3),
      delivered('b', 4n, 4),
    ];
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
    const selection = selectNextEvents([delivered('a', 0n, 0), delivered('a', 2n, 1), delivered('a', 3n, 2)], new Map());
    expect(revisions(selection.next)).toEqual(['a@0']);
    expect(selection.gaps.map((gap) => [gap.original.offset, gap.reason])).toEqual([
      ['1', 'revision gap in a: expected revision 1, got 2'],
      ['2', 'revision gap in a: expected revision 1, got 3'],
    ]);
  });
});
