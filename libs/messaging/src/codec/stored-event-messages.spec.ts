import type { StoredEvent } from '@vigil/contract';
import { toTopicMessages } from './stored-event-messages';

const stored = (streamId: string, revision: bigint, position: bigint, type: string, metadata: object = {}) =>
  ({
    eventId: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
    type,
    occurredAt: '2024-05-01T08:00:00+07:00',
    data: { n: Number(position) },
    metadata: { principal: { role: 'operator', unit: 'VN' }, ...metadata },
    streamId,
    revision,
    position,
    recordedAt: '2024-05-01T01:00:00.000Z',
  }) as unknown as StoredEvent;

describe('a page of the log as Kafka messages', () => {
  const page = [
    stored('case-A', 0n, 11n, 'CaseOpened', { correlationId: 'corr-1' }),
    stored('measure-VN', 4n, 12n, 'WeaponsCollected'),
    stored('case-A', 1n, 13n, 'ArrestMade'),
    stored('case-B', 0n, 14n, 'CaseOpened'),
  ];

  it('groups the events by their category topic, keeping log order within each topic', () => {
    const batch = toTopicMessages('ns1', page);
    expect(batch.map((topic) => [topic.topic, topic.messages.map((message) => message.key)])).toEqual([
      ['ns1.cases.v1', ['case-A', 'case-A', 'case-B']],
      ['ns1.measures.v1', ['measure-VN']],
    ]);
  });

  it('carries the stored event as JSON with decimal revision and position, and the type and correlation headers', () => {
    const [cases] = toTopicMessages('ns1', page);
    const first = cases!.messages[0]!;
    expect(JSON.parse(String(first.value))).toEqual({
      eventId: '00000000-0000-4000-8000-000000000011',
      type: 'CaseOpened',
      occurredAt: '2024-05-01T08:00:00+07:00',
      data: { n: 11 },
      metadata: { principal: { role: 'operator', unit: 'VN' }, correlationId: 'corr-1' },
      streamId: 'case-A',
      revision: '0',
      position: '11',
      recordedAt: '2024-05-01T01:00:00.000Z',
    });
    expect(first.headers).toEqual({ type: 'CaseOpened', correlationId: 'corr-1' });
    expect(cases!.messages[1]!.headers).toEqual({ type: 'ArrestMade' });
  });

  it('sends an event the store serialized as it is', () => {
    const serialized = {
      position: 11n,
      eventId: 'e',
      streamId: 'case-A',
      type: 'CaseOpened',
      correlationId: 'corr-1',
      json: '{"eventId":"e"}',
    };
    expect(toTopicMessages('ns1', [serialized])).toEqual([
      {
        topic: 'ns1.cases.v1',
        messages: [
          { key: 'case-A', value: Buffer.from('{"eventId":"e"}'), headers: { type: 'CaseOpened', correlationId: 'corr-1' } },
        ],
      },
    ]);
  });

  it('carries the stored traceparent in the headers, or the one the publisher gives for the event', () => {
    const traced = {
      position: 12n,
      eventId: 'e2',
      streamId: 'case-A',
      type: 'CaseCleared',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      json: '{"eventId":"e2"}',
    };
    expect(toTopicMessages('ns1', [traced])[0]!.messages[0]!.headers).toEqual({
      type: 'CaseCleared',
      traceparent: traced.traceparent,
    });
    const publishSpan = '00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01';
    expect(toTopicMessages('ns1', [traced], () => publishSpan)[0]!.messages[0]!.headers).toEqual({
      type: 'CaseCleared',
      traceparent: publishSpan,
    });
  });

  it('refuses an event whose stream id names no category rather than guessing a topic', () => {
    expect(() => toTopicMessages('ns1', [stored('mystery-1', 0n, 1n, 'CaseOpened')])).toThrow(/not a Vigil stream id/);
  });
});
