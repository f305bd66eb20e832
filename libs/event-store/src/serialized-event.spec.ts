import { type StoredEvent, toJsonStoredEvent } from '@vigil/contract';
import type { EventStore, SerializedEvent, SubscribeOptions } from './event-store.port';
import { subscribeSerialized } from './serialized-event';

const event = {
  eventId: '00000000-0000-4000-8000-000000000007',
  type: 'CaseCleared',
  occurredAt: '2024-03-05T10:00:00.000Z',
  data: { caseId: 'C-1' },
  metadata: { correlationId: 'corr-7', principal: { role: 'operator', unit: 'VN' } },
  streamId: 'case-C-1',
  revision: 2n,
  position: 7n,
  recordedAt: '2024-03-05T03:00:00.000Z',
} as unknown as StoredEvent;

describe('subscribing to the log serialized', () => {
  it('serializes the events of a store that cannot hand them out serialized', async () => {
    let plain: SubscribeOptions | undefined;
    const store = { subscribe: (options: SubscribeOptions) => ((plain = options), { stop: async () => undefined }) };
    const received: SerializedEvent[] = [];
    subscribeSerialized(store as unknown as EventStore, {
      after: 3n,
      batchSize: 10,
      handle: async (batch) => void received.push(...batch),
    });

    expect(plain).toMatchObject({ after: 3n, batchSize: 10 });
    await plain!.handle([event]);
    expect(received).toEqual([
      {
        position: 7n,
        eventId: event.eventId,
        streamId: 'case-C-1',
        type: 'CaseCleared',
        correlationId: 'corr-7',
        json: JSON.stringify(toJsonStoredEvent(event)),
      },
    ]);
  });
});
