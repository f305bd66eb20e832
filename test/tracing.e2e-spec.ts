import { randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { PostgresEventStore } from '@vigil/event-store';
import { inboundTopic, topicOf } from '@vigil/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { envelope, fresh } from './support/events';
import { type VigilUnderTest, eventually, startVigilUnderTest } from './support/vigil-under-test';

// Issue 16, item 4: one event's trace, from the HTTP request through the event store and Kafka to
// the projector, recorded by the official SDK into its in-memory exporter.
describe('a trace across the store and Kafka', () => {
  const exporter = new InMemorySpanExporter();
  const sdk = new NodeSDK({
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
    metricReaders: [],
    logRecordProcessors: [],
  });
  const kafka = new Kafka({
    clientId: 'tracing-e2e',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  let vigil: VigilUnderTest;
  let operator: string;

  beforeAll(async () => {
    sdk.start();
    vigil = await startVigilUnderTest();
    operator = await vigil.token('operator');
  });
  afterAll(async () => {
    await vigil.close();
    await sdk.shutdown();
    await pool.end();
  });

  const spans = () => exporter.getFinishedSpans();
  const named = (name: string, traceId: string) =>
    spans().filter((span) => span.name === name && span.spanContext().traceId === traceId);
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  /** The one span of that name in the trace, once it has ended. */
  const oneSpan = (name: string, traceId: string) =>
    eventually(async () => {
      const found = named(name, traceId);
      return found.length > 0 ? found : undefined;
    }).then((found) => {
      expect(found).toHaveLength(1);
      return found[0]!;
    });

  async function postUnit(headers: Record<string, string> = {}) {
    const unitId = fresh('VN');
    const event = envelope('UnitRegistered', { unitId, name: 'Ministry', level: 'ministry', parentUnitId: null });
    const response = await fetch(`${vigil.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ ...event, metadata: { correlationId: `corr-${unitId}` } }),
    });
    expect(response.status).toBe(200);
    return event;
  }

  it('links request → append → relay publish → projector apply in one trace, the traceparent stored and in the headers', async () => {
    const event = await postUnit();
    const namespace = vigil.config.VIGIL_NAMESPACE;
    const topic = topicOf(namespace, 'units');

    // The first request of this file: the trace it started.
    const first = await eventually(async () => spans().find((span) => span.name === 'POST /v1/events'));
    const request = await oneSpan('POST /v1/events', first.spanContext().traceId);
    const traceId = request.spanContext().traceId;
    expect(request.kind).toBe(SpanKind.SERVER);
    expect(request.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/v1/events',
      'http.response.status_code': 200,
    });

    const append = await oneSpan('event-store append', traceId);
    expect(parentOf(append)).toBe(request.spanContext().spanId);
    expect(append.attributes['vigil.events.count']).toBe(1);

    const publish = await oneSpan(`send ${topic}`, traceId);
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    expect(parentOf(publish)).toBe(append.spanContext().spanId);

    const applied = await eventually(async () => {
      const found = named(`process ${topic}`, traceId);
      return found.length >= 2 ? found : undefined;
    });
    // The `units` and `figures` projections both consume the units topic, each in its group.
    expect(applied.map((span) => span.attributes['vigil.projection']).sort()).toEqual(['figures', 'units']);
    for (const span of applied) {
      expect(span.kind).toBe(SpanKind.CONSUMER);
      expect(parentOf(span)).toBe(publish.spanContext().spanId);
      expect(span.attributes['messaging.consumer.group.name']).toBe(
        `${namespace}.projector.${span.attributes['vigil.projection']}`,
      );
    }

    // Stored with the event (the append's span), and in the Kafka message's headers (the publish span's).
    const [stored] = await new PostgresEventStore(pool).readStream(`unit-${event.data.unitId}`);
    expect(stored!.metadata.traceparent).toBe(`00-${traceId}-${append.spanContext().spanId}-01`);
    expect(await headersOnTopic(topic, `unit-${event.data.unitId}`)).toMatchObject({
      type: 'UnitRegistered',
      correlationId: `corr-${event.data.unitId}`,
      traceparent: `00-${traceId}-${publish.spanContext().spanId}-01`,
    });
  });

  it('continues the trace of a caller that sends a traceparent', async () => {
    const traceId = randomUUID().replaceAll('-', '');
    const callerSpan = randomUUID().replaceAll('-', '').slice(0, 16);
    await postUnit({ traceparent: `00-${traceId}-${callerSpan}-01` });
    const request = await oneSpan('POST /v1/events', traceId);
    expect(parentOf(request)).toBe(callerSpan);
    await oneSpan('event-store append', traceId);
  });

  it('continues the trace of an upstream producer on the inbound topic', async () => {
    const traceId = randomUUID().replaceAll('-', '');
    const producerSpan = randomUUID().replaceAll('-', '').slice(0, 16);
    const unitId = fresh('VN');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: inboundTopic(vigil.config.VIGIL_NAMESPACE),
      messages: [
        {
          key: `unit-${unitId}`,
          value: JSON.stringify(envelope('UnitRegistered', { unitId, name: 'M', level: 'ministry', parentUnitId: null })),
          headers: { authorization: `Bearer ${operator}`, traceparent: `00-${traceId}-${producerSpan}-01` },
        },
      ],
    });
    await producer.disconnect();
    const consumed = await oneSpan(`process ${inboundTopic(vigil.config.VIGIL_NAMESPACE)}`, traceId);
    expect(consumed.kind).toBe(SpanKind.CONSUMER);
    expect(parentOf(consumed)).toBe(producerSpan);
    expect(parentOf(await oneSpan('event-store append', traceId))).toBe(consumed.spanContext().spanId);
    await oneSpan(`send ${topicOf(vigil.config.VIGIL_NAMESPACE, 'units')}`, traceId);
  });

  /** The headers of the message with that key on the topic, read from the start by a group of its own. */
  async function headersOnTopic(topic: string, key: string): Promise<Record<string, string>> {
    const consumer = kafka.consumer({ groupId: `tracing-e2e-${randomUUID()}` });
    let found: Record<string, string> | undefined;
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          if (message.key?.toString() !== key) return;
          found = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
        },
      });
      return await eventually(async () => found);
    } finally {
      await consumer.disconnect();
    }
  }
});
