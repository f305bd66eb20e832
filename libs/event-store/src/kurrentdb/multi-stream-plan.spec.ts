import { contentHash } from '../content-hash';
import { WrongExpectedRevisionError, type EventToAppend, type StreamWrite } from '../event-store.port';
import { planMultiStreamAppend, streamsWrittenTwice, type CurrentRevision } from './multi-stream-plan';
import type { EventIdMarker } from './event-id-marker';

const principal = { role: 'upstream', unit: 'VN-LCI' };

function cleared(eventId: string, caseId = 'LC-1'): EventToAppend {
  return { envelope: { eventId, type: 'CaseCleared', occurredAt: '2024-03-05T10:00:00Z', data: { caseId } }, principal };
}

const none = new Map<string, EventIdMarker>();
const noRevisions = new Map<string, CurrentRevision>();

describe('planMultiStreamAppend', () => {
  it('plans one request per stream with the expected revision as asked', () => {
    const writes: StreamWrite[] = [
      { streamId: 'case-A', expectedRevision: 'no_stream', events: [cleared('a1'), cleared('a2')] },
      { streamId: 'case-B', expectedRevision: 3n, events: [cleared('b1')] },
    ];

    const plan = planMultiStreamAppend(writes, none, noRevisions);

    expect(plan.streams.map((s) => [s.streamId, s.expected, s.requested, s.events.map((e) => e.event.envelope.eventId)])).toEqual(
      [
        ['case-A', 'no_stream', 'no_stream', ['a1', 'a2']],
        ['case-B', 3n, 3n, ['b1']],
      ],
    );
    expect(plan.streams[0]!.events[0]!.contentHash).toBe(contentHash(cleared('a1').envelope));
    expect(plan.outcomes).toEqual([
      { kind: 'new', eventId: 'a1', streamId: 'case-A' },
      { kind: 'new', eventId: 'a2', streamId: 'case-A' },
      { kind: 'new', eventId: 'b1', streamId: 'case-B' },
    ]);
  });

  it('answers claimed ids from their claim and drops a write left empty, revision check and all', () => {
    const claimed = new Map<string, EventIdMarker>([
      ['a1', { streamId: 'case-A', contentHash: contentHash(cleared('a1').envelope) }],
      ['a2', { streamId: 'case-A', contentHash: 'another hash' }],
    ]);

    const plan = planMultiStreamAppend(
      [{ streamId: 'case-A', expectedRevision: 'no_stream', events: [cleared('a1'), cleared('a2')] }],
      claimed,
      noRevisions,
    );

    expect(plan.streams).toEqual([]);
    expect(plan.outcomes).toEqual([
      { kind: 'known', eventId: 'a1', streamId: 'case-A', sameContent: true },
      { kind: 'known', eventId: 'a2', streamId: 'case-A', sameContent: false },
    ]);
  });

  it('looks claims up by the lower-case id', () => {
    const claimed = new Map([['ab-cd', { streamId: 'case-A', contentHash: contentHash(cleared('AB-CD').envelope) }]]);
    const plan = planMultiStreamAppend(
      [{ streamId: 'case-A', expectedRevision: 'any', events: [cleared('AB-CD')] }],
      claimed,
      noRevisions,
    );
    expect(plan.outcomes).toEqual([{ kind: 'known', eventId: 'AB-CD', streamId: 'case-A', sameContent: true }]);
  });

  it('answers an id repeated in the call against its first occurrence', () => {
    const plan = planMultiStreamAppend(
      [
        { streamId: 'case-A', expectedRevision: 'no_stream', events: [cleared('a1')] },
        { streamId: 'case-B', expectedRevision: 'no_stream', events: [cleared('a1'), cleared('a1', 'LC-2')] },
      ],
      none,
      noRevisions,
    );

    expect(plan.streams.map((s) => s.streamId)).toEqual(['case-A']);
    expect(plan.outcomes.slice(1)).toEqual([
      { kind: 'known', eventId: 'a1', streamId: 'case-A', sameContent: true },
      { kind: 'known', eventId: 'a1', streamId: 'case-A', sameContent: false },
    ]);
  });

  it('merges writes to one stream, checking each against the revision before it, and sends the current one', () => {
    const writes: StreamWrite[] = [
      { streamId: 'case-A', expectedRevision: 'any', events: [cleared('a1')] },
      { streamId: 'case-B', expectedRevision: 'no_stream', events: [cleared('b1')] },
      { streamId: 'case-A', expectedRevision: 5n, events: [cleared('a2'), cleared('a3')] },
      { streamId: 'case-A', expectedRevision: 'exists', events: [cleared('a4')] },
    ];

    const plan = planMultiStreamAppend(writes, none, new Map([['case-A', 4n]]));

    expect(plan.streams.map((s) => [s.streamId, s.expected, s.events.length])).toEqual([
      ['case-A', 4n, 4],
      ['case-B', 'no_stream', 1],
    ]);
  });

  it('rejects a later write whose expectation the earlier ones break', () => {
    const writes: StreamWrite[] = [
      { streamId: 'case-A', expectedRevision: 'no_stream', events: [cleared('a1')] },
      { streamId: 'case-A', expectedRevision: 'no_stream', events: [cleared('a2')] },
    ];

    const error = catchError(() => planMultiStreamAppend(writes, none, new Map([['case-A', 'no_stream']])));

    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'case-A', expected: 'no_stream', actual: 0n });
  });

  it('rejects the first write too when the stream is not where it expects', () => {
    const writes: StreamWrite[] = [
      { streamId: 'case-A', expectedRevision: 'exists', events: [cleared('a1')] },
      { streamId: 'case-A', expectedRevision: 0n, events: [cleared('a2')] },
    ];
    const error = catchError(() => planMultiStreamAppend(writes, none, new Map([['case-A', 'no_stream']])));
    expect(error).toMatchObject({ streamId: 'case-A', expected: 'exists', actual: 'no_stream' });
  });

  it('needs the current revision of a stream written twice', () => {
    const writes: StreamWrite[] = [
      { streamId: 'case-A', expectedRevision: 'any', events: [cleared('a1')] },
      { streamId: 'case-A', expectedRevision: 'any', events: [cleared('a2')] },
    ];
    expect(streamsWrittenTwice(writes)).toEqual(['case-A']);
    expect(() => planMultiStreamAppend(writes, none, noRevisions)).toThrow('current revision was not read');
  });
});

describe('streamsWrittenTwice', () => {
  it('lists each stream written by more than one write, once', () => {
    const write = (streamId: string): StreamWrite => ({ streamId, expectedRevision: 'any', events: [] });
    expect(streamsWrittenTwice(['A', 'B', 'A', 'C', 'A', 'B'].map(write))).toEqual(['A', 'B']);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
