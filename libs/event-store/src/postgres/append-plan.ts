import { contentHash } from '../content-hash';
import {
  type AppendOutcome,
  type EventToAppend,
  type ExpectedRevision,
  type StreamWrite,
  WrongExpectedRevisionError,
} from '../event-store.port';

/** What is already stored for an event id. */
export interface ExistingEvent {
  streamId: string;
  revision: bigint;
  position: bigint;
  contentHash: string;
}

export interface NewRow {
  position: bigint;
  eventId: string;
  streamId: string;
  revision: bigint;
  event: EventToAppend;
  contentHash: string;
}

export interface AppendPlan {
  outcomes: AppendOutcome[];
  rows: NewRow[];
  /** New revision per stream touched, for the `streams` table (relative, for `relativeStreams`). */
  streamRevisions: Map<string, bigint>;
  /**
   * The streams that every write of the call appends to with 'any': their revisions are numbered
   * from 0, as if the stream were new, and moved past the stream's head by the placing statement
   * itself (under the head lock), so writers of one such stream never collide — see PLACE_ROWS_SQL.
   */
  relativeStreams: Set<string>;
}

/**
 * Pure planning of an append, given the log head (`0n` to number the new events 1, 2, … relative
 * to a head not known yet, see `placeAfter`), the stored events with the same ids and the
 * streams' current revisions. Throws WrongExpectedRevisionError when a write with new events
 * finds its stream elsewhere than expected. A stream written only with 'any' ignores the revision
 * read (it may be stale by the time the rows are placed) and is numbered from 0 (`relativeStreams`).
 */
export function planAppend(
  writes: StreamWrite[],
  head: bigint,
  existing: ReadonlyMap<string, ExistingEvent>,
  currentRevisions: ReadonlyMap<string, bigint>,
): AppendPlan {
  const outcomes: AppendOutcome[] = [];
  const rows: NewRow[] = [];
  const streamRevisions = new Map<string, bigint>();
  const planned = new Map<string, ExistingEvent>();
  const relativeStreams = onlyWrittenWithAny(writes);
  let position = head;

  for (const write of writes) {
    let revision =
      streamRevisions.get(write.streamId) ??
      (relativeStreams.has(write.streamId) ? undefined : currentRevisions.get(write.streamId));
    let checked = false;
    for (const event of write.events) {
      const eventId = event.envelope.eventId;
      const hash = contentHash(event.envelope);
      const known = existing.get(eventId) ?? planned.get(eventId);
      if (known) {
        outcomes.push(
          known.contentHash === hash
            ? { eventId, status: 'duplicate', streamId: known.streamId, revision: known.revision, position: known.position }
            : { eventId, status: 'conflict', streamId: known.streamId },
        );
        continue;
      }
      if (!checked) assertExpected(write.streamId, write.expectedRevision, revision);
      checked = true;
      revision = revision === undefined ? 0n : revision + 1n;
      position += 1n;
      rows.push({ position, eventId, streamId: write.streamId, revision, event, contentHash: hash });
      planned.set(eventId, { streamId: write.streamId, revision, position, contentHash: hash });
      outcomes.push({ eventId, status: 'appended', streamId: write.streamId, revision, position });
    }
    if (checked) streamRevisions.set(write.streamId, revision!);
  }
  for (const streamId of relativeStreams) if (!streamRevisions.has(streamId)) relativeStreams.delete(streamId);
  return { outcomes, rows, streamRevisions, relativeStreams };
}

function onlyWrittenWithAny(writes: readonly StreamWrite[]): Set<string> {
  const checked = new Set(writes.filter((write) => write.expectedRevision !== 'any').map((write) => write.streamId));
  return new Set(writes.map((write) => write.streamId).filter((streamId) => !checked.has(streamId)));
}

/** `actual` is undefined when the stream does not exist. */
function assertExpected(streamId: string, expected: ExpectedRevision, actual: bigint | undefined): void {
  if (expected === 'any') return;
  const ok = expected === 'no_stream' ? actual === undefined : expected === 'exists' ? actual !== undefined : actual === expected;
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual ?? 'no_stream');
}

/**
 * The outcomes of a plan made at head `0n`, once its rows were placed after `head`: its new events,
 * and the repeats within the call that answer as their duplicates, move by `head`, and those of a
 * relative stream by the revision it was placed at (`revisionShifts`: the stream's first new
 * revision). Events stored before the call keep their positions and revisions.
 */
export function placeAfter(
  plan: AppendPlan,
  head: bigint,
  revisionShifts: ReadonlyMap<string, bigint> = new Map(),
): AppendOutcome[] {
  const planned = new Set(plan.rows.map((row) => row.eventId));
  return plan.outcomes.map((outcome) =>
    outcome.status !== 'conflict' && planned.has(outcome.eventId)
      ? {
          ...outcome,
          position: outcome.position + head,
          revision: outcome.revision + (revisionShifts.get(outcome.streamId) ?? 0n),
        }
      : outcome,
  );
}
