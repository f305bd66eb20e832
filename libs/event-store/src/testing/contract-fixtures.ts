import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@vigil/contract';
import {
  type AppendedEvent,
  type AppendOutcome,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type Principal,
  type StreamWrite,
  WrongExpectedRevisionError,
} from '../event-store.port';

// Test data and probes for the event store contract suite.

const DELIVERY_DEADLINE_MS = 15_000;
export const PRINCIPAL: Principal = { role: 'upstream', unit: 'VN-LCI', subject: 'event-store-contract' };

export function newCase(): { caseId: string; streamId: string } {
  const caseId = `C-${randomUUID()}`;
  return { caseId, streamId: `case-${caseId}` };
}

export function caseOpened(caseId: string): EventToAppend {
  return {
    envelope: {
      eventId: randomUUID(),
      type: 'CaseOpened',
      occurredAt: '2024-03-01T08:00:00Z',
      data: { caseId, unitId: 'VN-LCI', category: 'drugs', severity: 'serious' },
      metadata: { correlationId: 'corr-contract', sourceSystem: 'contract-suite' },
    },
    principal: PRINCIPAL,
  };
}

export function arrestMade(caseId: string, persons: number): EventToAppend {
  return {
    envelope: {
      eventId: randomUUID(),
      type: 'ArrestMade',
      occurredAt: '2024-03-02T09:30:00+07:00',
      data: { caseId, arrestId: `A-${randomUUID()}`, persons },
    },
    principal: PRINCIPAL,
  };
}

export function caseCleared(caseId: string): EventToAppend {
  return {
    envelope: { eventId: randomUUID(), type: 'CaseCleared', occurredAt: '2024-03-05T10:00:00.000Z', data: { caseId } },
    principal: PRINCIPAL,
  };
}

export function withData(event: EventToAppend, data: Record<string, unknown>): EventToAppend {
  return { ...event, envelope: { ...event.envelope, data } as EventToAppend['envelope'] };
}

export function write(streamId: string, expectedRevision: ExpectedRevision, events: EventToAppend[]): StreamWrite {
  return { streamId, expectedRevision, events };
}

export function appended(outcome: AppendOutcome): AppendedEvent {
  if (outcome.status === 'conflict') throw new Error(`expected ${outcome.eventId} to be stored, got a conflict`);
  return outcome;
}

export function expectIncreasing(positions: bigint[]): void {
  for (let i = 1; i < positions.length; i++) expect(positions[i]!).toBeGreaterThan(positions[i - 1]!);
}

export async function expectWrongRevision(
  append: Promise<unknown>,
  expected: { streamId: string; expected: ExpectedRevision; actual: bigint | 'no_stream' },
): Promise<void> {
  const error = await append.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  const { streamId, expected: wanted, actual } = error as WrongExpectedRevisionError;
  expect({ streamId, expected: wanted, actual }).toEqual(expected);
}

/** Every event after `after`, page by page, optionally only those of some streams. */
export async function readAllAfter(store: EventStore, after: bigint, streams?: Set<string>): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let position = after; ;) {
    const page = await store.readAll(position, 500);
    events.push(...page.events.filter((e) => !streams || streams.has(e.streamId)));
    if (page.isEnd) return events;
    position = page.nextPosition;
  }
}

export async function collectSubscription(
  store: EventStore,
  after: bigint,
  batchSize: number,
  streamId: string,
  expected: number,
): Promise<{ events: StoredEvent[]; batchSizes: number[] }> {
  const events: StoredEvent[] = [];
  const batchSizes: number[] = [];
  const subscription = store.subscribe({
    after,
    batchSize,
    handle: async (batch) => {
      batchSizes.push(batch.length);
      events.push(...batch.filter((e) => e.streamId === streamId));
    },
  });
  try {
    await eventually(() => events.length >= expected, `${expected} events of ${streamId} delivered`);
    // A subscription that went on would deliver more; give it a moment to show it does not.
    await pause(100);
  } finally {
    await subscription.stop();
  }
  return { events, batchSizes };
}

export async function eventually(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + DELIVERY_DEADLINE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${DELIVERY_DEADLINE_MS} ms waiting for ${what}`);
    await pause(20);
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
