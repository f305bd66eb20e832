import { START } from '@kurrent/kurrentdb-client';
import type { EventToAppend } from '../event-store.port';
import {
  isVigilEvent,
  readPositionFrom,
  toEventData,
  toStoredEvent,
  VIGIL_STREAMS_REGEX,
  type RecordedLike,
} from './event-mapping';

const principal = { role: 'upstream', unit: 'VN-LCI', subject: 'lci-cms' };
const envelope = {
  eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a10',
  type: 'CaseOpened' as const,
  occurredAt: '2024-03-01T08:00:00+07:00',
  data: { caseId: 'LC-2024-000123', unitId: 'VN-LCI', category: 'drugs' as const, severity: 'serious' as const },
  metadata: { correlationId: 'corr-9', sourceSystem: 'lci-cms' },
};
const toAppend: EventToAppend = { envelope, principal };

describe('toEventData', () => {
  it('stores the envelope as a JSON event whose id is the eventId, with string-only metadata', () => {
    expect(toEventData(toAppend, '2024-03-01T01:00:05.250Z')).toEqual({
      id: envelope.eventId,
      contentType: 'application/json',
      type: 'CaseOpened',
      data: envelope.data,
      metadata: {
        occurredAt: '2024-03-01T08:00:00+07:00',
        recordedAt: '2024-03-01T01:00:05.250Z',
        principal: '{"role":"upstream","unit":"VN-LCI","subject":"lci-cms"}',
        metadata: '{"correlationId":"corr-9","sourceSystem":"lci-cms"}',
      },
    });
  });

  it('keeps the traceparent of a traced append beside the principal, and reads it back into the metadata', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const data = toEventData({ ...toAppend, traceparent }, '2024-03-01T01:00:05.250Z');
    expect((data.metadata as Record<string, string>).traceparent).toBe(traceparent);
    const stored = toStoredEvent({
      streamId: 'case-LC-2024-000123',
      id: envelope.eventId,
      type: 'CaseOpened',
      revision: 0n,
      data: envelope.data,
      metadata: data.metadata,
      position: { commit: 7n, prepare: 7n },
    });
    expect(stored.metadata).toEqual({ ...envelope.metadata, principal, traceparent });
  });

  it('leaves the metadata key out when the envelope has none', () => {
    const { metadata: _, ...bare } = envelope;
    const data = toEventData({ envelope: bare, principal }, '2024-03-01T01:00:05.250Z');
    expect(Object.keys(data.metadata as object).sort()).toEqual(['occurredAt', 'principal', 'recordedAt']);
  });
});

describe('toStoredEvent', () => {
  const recorded: RecordedLike = {
    streamId: 'case-LC-2024-000123',
    id: envelope.eventId,
    type: 'CaseOpened',
    revision: 4n,
    data: envelope.data,
    // As the server reads a multi-stream append back: our properties plus its own `$schema.*` keys.
    metadata: {
      ...(toEventData(toAppend, '2024-03-01T01:00:05.250Z').metadata as object),
      '$schema.name': 'CaseOpened',
      '$schema.data-format': 'Json',
    },
    position: { commit: 18_446n, prepare: 18_446n },
  };
  const expected = {
    eventId: envelope.eventId,
    type: 'CaseOpened',
    occurredAt: '2024-03-01T08:00:00+07:00',
    data: envelope.data,
    metadata: { correlationId: 'corr-9', sourceSystem: 'lci-cms', principal },
    streamId: 'case-LC-2024-000123',
    revision: 4n,
    position: 18_446n,
    recordedAt: '2024-03-01T01:00:05.250Z',
  };

  it('reads back the envelope, the principal, recordedAt, the revision and the commit position', () => {
    expect(toStoredEvent(recorded)).toEqual(expected);
  });

  it('reads data and metadata that arrive as bytes', () => {
    const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    expect(toStoredEvent({ ...recorded, data: bytes(recorded.data), metadata: bytes(recorded.metadata) })).toEqual(expected);
  });

  it('reads an event without envelope metadata with only the principal', () => {
    const { metadata: _, ...properties } = recorded.metadata as Record<string, string>;
    expect(toStoredEvent({ ...recorded, metadata: properties }).metadata).toEqual({ principal });
  });

  it('refuses an event without its position or without Vigil metadata', () => {
    expect(() => toStoredEvent({ ...recorded, position: undefined })).toThrow('without its log position');
    expect(() => toStoredEvent({ ...recorded, metadata: { occurredAt: 'x', recordedAt: 'y' } })).toThrow(
      'metadata.principal is not a JSON object',
    );
    expect(() => toStoredEvent({ ...recorded, metadata: undefined })).toThrow('metadata is not a JSON object');
  });
});

describe('which events are Vigil’s', () => {
  it('leaves out system streams, system event types and the event id markers', () => {
    expect(isVigilEvent({ streamId: 'case-LC-1', type: 'CaseOpened' })).toBe(true);
    expect(isVigilEvent({ streamId: '$vigil-eventid-0b6a', type: 'VigilEventIdClaimed' })).toBe(false);
    expect(isVigilEvent({ streamId: '$$case-LC-1', type: '$metadata' })).toBe(false);
    expect(isVigilEvent({ streamId: 'case-LC-1', type: '$streamDeleted' })).toBe(false);
  });

  it('filters $all on the server by a stream name regex that does the same', () => {
    const regex = new RegExp(VIGIL_STREAMS_REGEX);
    expect(['case-LC-1', 'unit-VN', 'measure-VN-LCI'].every((name) => regex.test(name))).toBe(true);
    expect(['$vigil-eventid-0b6a', '$settings', '$$case-LC-1', '$ce-case'].some((name) => regex.test(name))).toBe(false);
  });
});

describe('readPositionFrom', () => {
  it('starts at the beginning for 0 and at the event itself otherwise', () => {
    expect(readPositionFrom(0n)).toBe(START);
    expect(readPositionFrom(18_446n)).toEqual({ commit: 18_446n, prepare: 18_446n });
  });
});
