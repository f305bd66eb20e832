import { contentHash } from '../content-hash';
import type { AppendOutcome, EventToAppend } from '../event-store.port';
import { arrestMade, caseCleared, caseOpened, newCase, PRINCIPAL, withData, write } from '../testing/contract-fixtures';
import { placeAfter, planAppend } from './append-plan';
import { placeRowsParams, toAppendState } from './append-sql';

describe('an append planned before the head is known', () => {
  it('numbers its new events from 1 and places them, and repeats of them, right after the head', () => {
    const { caseId, streamId } = newCase();
    const opened = caseOpened(caseId);
    const arrest = arrestMade(caseId, 2);

    const plan = planAppend([write(streamId, 'no_stream', [opened, arrest, opened])], 0n, new Map(), new Map());

    expect(plan.rows.map((row) => [row.position, row.revision])).toEqual([
      [1n, 0n],
      [2n, 1n],
    ]);
    expect(placeAfter(plan, 41n)).toEqual([
      { eventId: opened.envelope.eventId, status: 'appended', streamId, revision: 0n, position: 42n },
      { eventId: arrest.envelope.eventId, status: 'appended', streamId, revision: 1n, position: 43n },
      { eventId: opened.envelope.eventId, status: 'duplicate', streamId, revision: 0n, position: 42n },
    ]);
  });

  it('keeps the positions of events stored before, and answers other content conflict', () => {
    const { caseId, streamId } = newCase();
    const stored = caseOpened(caseId);
    const changed = withData(stored, { ...stored.envelope.data, severity: 'less_serious' });
    const cleared = caseCleared(caseId);
    const existing = new Map([
      [stored.envelope.eventId, { streamId, revision: 0n, position: 7n, contentHash: contentHash(stored.envelope) }],
    ]);

    const plan = planAppend(
      [write(streamId, 0n, [stored, cleared]), write(streamId, 'any', [changed])],
      0n,
      existing,
      new Map([[streamId, 0n]]),
    );

    expect(placeAfter(plan, 100n)).toEqual([
      { eventId: stored.envelope.eventId, status: 'duplicate', streamId, revision: 0n, position: 7n },
      { eventId: cleared.envelope.eventId, status: 'appended', streamId, revision: 1n, position: 101n },
      { eventId: stored.envelope.eventId, status: 'conflict', streamId },
    ]);
    expect(plan.streamRevisions).toEqual(new Map([[streamId, 1n]]));
  });
});

describe("an append to streams written only with 'any'", () => {
  it('numbers their events from 0 whatever revision was read, and moves them, repeats too, by the shift they were placed at', () => {
    const any = newCase();
    const checked = newCase();
    const [first, second] = [arrestMade(any.caseId, 1), arrestMade(any.caseId, 2)];
    const opened = caseOpened(checked.caseId);

    const plan = planAppend(
      [
        write(any.streamId, 'any', [first, second]),
        write(checked.streamId, 'no_stream', [opened]),
        write(any.streamId, 'any', [first]),
      ],
      0n,
      new Map(),
      new Map([[any.streamId, 6n]]),
    );

    expect(plan.relativeStreams).toEqual(new Set([any.streamId]));
    expect(plan.rows.map((row) => [row.streamId, row.revision])).toEqual([
      [any.streamId, 0n],
      [any.streamId, 1n],
      [checked.streamId, 0n],
    ]);
    expect(plan.streamRevisions).toEqual(
      new Map([
        [any.streamId, 1n],
        [checked.streamId, 0n],
      ]),
    );
    expect(placeAfter(plan, 10n, new Map([[any.streamId, 9n]])).map((o) => [o.status, o.streamId, appendedAt(o)])).toEqual([
      ['appended', any.streamId, [9n, 11n]],
      ['appended', any.streamId, [10n, 12n]],
      ['appended', checked.streamId, [0n, 13n]],
      ['duplicate', any.streamId, [9n, 11n]],
    ]);
  });

  it('keeps the revision read for a stream that one of its writes checks', () => {
    const { caseId, streamId } = newCase();

    const plan = planAppend(
      [write(streamId, 3n, [arrestMade(caseId, 1)]), write(streamId, 'any', [arrestMade(caseId, 2)])],
      0n,
      new Map(),
      new Map([[streamId, 3n]]),
    );

    expect(plan.relativeStreams).toEqual(new Set());
    expect(plan.rows.map((row) => row.revision)).toEqual([4n, 5n]);
  });

  it('leaves out of the relative streams one whose events were all stored before', () => {
    const { caseId, streamId } = newCase();
    const stored = arrestMade(caseId, 1);
    const existing = new Map([
      [stored.envelope.eventId, { streamId, revision: 2n, position: 7n, contentHash: contentHash(stored.envelope) }],
    ]);

    const plan = planAppend([write(streamId, 'any', [stored])], 0n, existing, new Map([[streamId, 2n]]));

    expect(plan.relativeStreams).toEqual(new Set());
    expect(placeAfter(plan, 10n, new Map([[streamId, 5n]]))).toEqual([
      { eventId: stored.envelope.eventId, status: 'duplicate', streamId, revision: 2n, position: 7n },
    ]);
  });
});

function appendedAt(outcome: AppendOutcome): [bigint, bigint] | null {
  return outcome.status === 'conflict' ? null : [outcome.revision, outcome.position];
}

describe('the parameters of the placing statement', () => {
  it('carries each row as JSON, the principal recorded in its metadata, and each stream with its category', () => {
    const { caseId, streamId } = newCase();
    const opened = caseOpened(caseId);
    const plan = planAppend([write(streamId, 'no_stream', [opened])], 0n, new Map(), new Map());
    const recordedAt = new Date('2024-03-01T08:00:00.000Z');

    const [rows, at, count, streams, categories, revisions, channel, relative] = placeRowsParams(
      plan,
      recordedAt,
      'vigil_events',
    );

    expect(JSON.parse(rows as string)).toEqual([
      {
        p: 1,
        e: opened.envelope.eventId,
        s: streamId,
        r: '0',
        t: 'CaseOpened',
        o: '2024-03-01T08:00:00Z',
        d: opened.envelope.data,
        m: { ...opened.envelope.metadata, principal: PRINCIPAL },
        h: contentHash(opened.envelope),
      },
    ]);
    expect([at, count, streams, categories, revisions, channel, relative]).toEqual([
      recordedAt,
      1,
      [streamId],
      ['cases'],
      ['0'],
      'vigil_events',
      [],
    ]);
  });

  it('records the principal over metadata of any shape, as { ...metadata, principal } would', () => {
    const { caseId, streamId } = newCase();
    const bare = caseCleared(caseId);
    const empty = { ...caseCleared(caseId), envelope: { ...caseCleared(caseId).envelope, metadata: {} } };
    const claiming = {
      ...caseCleared(caseId),
      envelope: { ...caseCleared(caseId).envelope, metadata: { correlationId: 'c "1"', principal: { role: 'operator' } } },
    } as unknown as EventToAppend;
    const plan = planAppend([write(streamId, 'any', [bare, empty, claiming])], 0n, new Map(), new Map());

    const rows = JSON.parse(placeRowsParams(plan, new Date(), 'vigil_events')[0] as string) as { m: unknown }[];

    expect(rows.map((row) => row.m)).toEqual([
      { principal: PRINCIPAL },
      { principal: PRINCIPAL },
      { correlationId: 'c "1"', principal: PRINCIPAL },
    ]);
  });

  it('reads stored events and stream revisions back from one result', () => {
    const state = toAppendState([
      { event_id: 'e1', stream_id: 'case-A', revision: '3', position: '17', content_hash: 'h' },
      { event_id: null, stream_id: 'case-A', revision: '5', position: null, content_hash: null },
    ]);
    expect(state.existing).toEqual(new Map([['e1', { streamId: 'case-A', revision: 3n, position: 17n, contentHash: 'h' }]]));
    expect(state.revisions).toEqual(new Map([['case-A', 5n]]));
  });
});
