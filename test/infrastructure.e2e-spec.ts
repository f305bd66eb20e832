import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { buildAsyncApi, buildOpenApi } from '@vigil/contract';
import { allTopics, waitForLeaders } from '@vigil/messaging';
import { MetricsServer } from '@vigil/platform';
import { type VigilUnderTest, eventually, startVigilUnderTest } from './support/vigil-under-test';

// Issue 2, item 7: the infrastructure is real — the services start and are ready, and the
// local Kafka 4.x broker serves admin, an idempotent producer and a consumer group.
describe('the all-in-one service on the real broker and database', () => {
  let vigil: VigilUnderTest;
  const kafka = new Kafka({
    clientId: 'infrastructure-e2e',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    await admin.connect();
  });
  afterAll(async () => {
    await admin.disconnect();
    await vigil.close();
  });

  it('reports the event store, Kafka and the read database ready', async () => {
    const report = await eventually(async () => {
      const response = await fetch(`${vigil.url}/health/ready`);
      return response.status === 200
        ? ((await response.json()) as { status: string; checks: Record<string, { status: string }> })
        : undefined;
    });
    expect(report.status).toBe('up');
    expect(Object.keys(report.checks)).toEqual(expect.arrayContaining(['eventStore', 'kafka', 'readDatabase']));
    expect(Object.entries(report.checks).filter(([, check]) => check.status !== 'up')).toEqual([]);
  });

  it('answers liveness without a token', async () => {
    const response = await fetch(`${vigil.url}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'up' });
  });

  it('created its namespaced topics with the configured partitions at start', async () => {
    const expected = allTopics(vigil.config.VIGIL_NAMESPACE);
    const metadata = await admin.fetchTopicMetadata({ topics: expected });
    expect(metadata.topics.map((topic) => topic.name).sort()).toEqual([...expected].sort());
    expect(metadata.topics.every((topic) => topic.partitions.length === vigil.config.KAFKA_TOPIC_PARTITIONS)).toBe(true);
  });

  it('serves Prometheus metrics to an operator on the API port and refuses them without a token', async () => {
    expect((await fetch(`${vigil.url}/metrics`)).status).toBe(401);
    const response = await fetch(`${vigil.url}/metrics`, {
      headers: { authorization: `Bearer ${await vigil.token('operator')}` },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('serves them without a token on the management port, with the standard process and Node names', async () => {
    const port = vigil.app.get(MetricsServer).port;
    expect(port).not.toBeNull();
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_total_bytes']) {
      expect(text).toMatch(new RegExp(`^${name} \\d`, 'm'));
    }
    expect(text).not.toMatch(/^vigil_process_|^vigil_nodejs_/m);
    // The counters an operator alerts on are there from the start, at 0.
    expect(text).toMatch(/^vigil_ingest_events_total\{status="rejected"\} 0$/m);
    expect(text).toMatch(/^vigil_relay_published_total 0$/m);
    expect(text).toMatch(/^vigil_projection_dead_letters_total\{projection="cases"\} 0$/m);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });

  it('serves the OpenAPI document generated from the schemas, with Swagger UI, without a token', async () => {
    const response = await fetch(`${vigil.url}/docs/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(document).toEqual(JSON.parse(JSON.stringify(buildOpenApi())));
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/v1/units/{unitId}/compare']!.get!.operationId).toBe('compareUnit');
    const ui = await fetch(`${vigil.url}/docs`);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await ui.text()).toContain('swagger-ui');
  });

  it('serves the AsyncAPI document of the topics without a token', async () => {
    const response = await fetch(`${vigil.url}/docs/asyncapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await response.json()) as { asyncapi: string; channels: Record<string, { address: string }> };
    expect(document).toEqual(JSON.parse(JSON.stringify(buildAsyncApi())));
    expect(document.asyncapi).toBe('3.0.0');
    expect(document.channels.inbound!.address).toBe('{namespace}.inbound.v1');
  });

  it('creates a topic, produces idempotently, consumes in a group and commits the offsets', async () => {
    const topic = `${vigil.config.VIGIL_NAMESPACE}.smoke.${randomUUID().slice(0, 6)}`;
    const groupId = `${vigil.config.VIGIL_NAMESPACE}.smoke`;
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).toBe(true);
    await waitForLeaders(admin, [topic]);

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const messages = Array.from({ length: 30 }, (_, index) => ({ key: `case-${index % 5}`, value: `m${index}` }));
    await producer.send({ topic, acks: -1, messages });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message.value!.toString()) });
    await eventually(async () => (received.length >= messages.length ? true : undefined), 30_000);
    await consumer.disconnect(); // commits what was consumed

    expect(received.sort()).toEqual(messages.map((message) => message.value).sort());
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets!.partitions.reduce((sum, partition) => sum + Number(partition.offset), 0);
    expect(committed).toBe(messages.length);
    await admin.deleteTopics({ topics: [topic] });
  });
});
