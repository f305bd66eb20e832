import { randomUUID } from 'node:crypto';
import { issueToken } from '@vigil/platform';
import pg from 'pg';
import { envelope, fresh } from './support/events';
import { type FreshBroker, freePort, startFreshBroker } from './support/fresh-broker';
import { OtlpReceiver } from './support/otlp-receiver';
import { type LogLine, prepareDatabase, type ServiceProcess, startServiceProcess } from './support/service-process';
import { eventually } from './support/vigil-under-test';

const PROJECTIONS = ['units', 'cases', 'hotspots', 'figures'];
const SPAN_KIND = { internal: 1, server: 2, producer: 4, consumer: 5 };

// Issue 16, items 3–6: the all-in-one service started as its own process, as on a new machine
// (a freshly formatted Kafka broker, an empty database), with LOG_LEVEL=debug and traces exported
// over OTLP/HTTP to a receiver in this test. Its start must be quiet, its logs one line per
// request, and one event followed from the request to the projector in logs, spans and metrics.
describe('a first start on a fresh broker', () => {
  const receiver = new OtlpReceiver();
  const databaseUrl = `${process.env.DATABASE_URL}_first_${randomUUID().slice(0, 8)}`;
  let broker: FreshBroker;
  let service: ServiceProcess;
  let metricsPort: number;
  let lines: LogLine[];
  let exit: string | number | null;
  const requestId = `first-start-${randomUUID().slice(0, 8)}`;
  const unitId = fresh('VN');
  const correlationId = `corr-${unitId}`;
  const event = envelope('UnitRegistered', { unitId, name: 'Ministry', level: 'ministry', parentUnitId: null });
  const answers: Record<string, Response> = {};

  beforeAll(async () => {
    const otlp = await receiver.listen();
    broker = await startFreshBroker();
    prepareDatabase(databaseUrl);
    metricsPort = await freePort();
    service = await startServiceProcess(
      {
        KAFKA_BROKERS: broker.brokers,
        DATABASE_URL: databaseUrl,
        VIGIL_METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'debug',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      await freePort(),
    );
    const operator = await issueToken(process.env.VIGIL_JWT_SECRET!, { role: 'operator', unit: 'VN' }, 600);
    const auth = { authorization: `Bearer ${operator}` };

    answers.posted = await fetch(`${service.url}/v1/events`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ ...event, metadata: { correlationId } }),
    });
    answers.plainText = await fetch(`${service.url}/v1/events`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: 'hello',
    });
    answers.wrongMethod = await fetch(`${service.url}/v1/events`, { method: 'PUT' });
    answers.noToken = await fetch(`${service.url}/v1/directives`);
    // Applied by the projector: the units projection's counter moved.
    await eventually(async () => {
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      return /^vigil_projection_applied_total\{projection="units"\} 1$/m.test(metrics) ? true : undefined;
    }, 60_000);
    answers.metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    exit = await service.stop();
    lines = service.lines();
  }, 240_000);

  afterAll(async () => {
    await service?.stop();
    await broker?.stop();
    await receiver.close();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(new URL(databaseUrl).pathname.slice(1))} WITH (FORCE)`);
    await admin.end();
  }, 60_000);

  const withMessage = (msg: string) => lines.filter((line) => line.msg === msg);

  it('logs no error, nothing on stderr, every route once and one group join per consumer, and stops on SIGTERM', () => {
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(lines.filter((line) => line.level === 0)).toEqual([]);
    expect(service.stderr()).toBe('');
    expect(withMessage('Mapped {/v1/events, POST} route')).toHaveLength(1);
    expect(withMessage('Nest application successfully started')).toHaveLength(1);
    const joined = withMessage('projection consumer joined its group').map((line) => line.projection);
    // One join per consumer; the figures have two (VIGIL_PROJECTOR_CONSUMERS), and the first joins again
    // when the second's join rebalances their group.
    const others = joined.filter((name) => name !== 'figures');
    expect(others.sort()).toEqual(PROJECTIONS.filter((name) => name !== 'figures').sort());
    expect(joined.filter((name) => name === 'figures').length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((line) => String(line.msg).includes('Consumer has joined the group'))).toHaveLength(1);
    // Nest closes the app on SIGTERM, then ends the process with the same signal.
    expect(['SIGTERM', 0]).toContain(exit);
  });

  it('logs each request once with its request id, echoed in the answer', () => {
    expect(answers.posted!.status).toBe(200);
    expect(answers.posted!.headers.get('x-request-id')).toBe(requestId);
    const requests = withMessage('request completed');
    expect(requests.filter((line) => line.requestId === requestId)).toEqual([
      expect.objectContaining({ req: { method: 'POST', url: '/v1/events' }, res: { statusCode: 200 }, context: 'http' }),
    ]);
    expect(requests).toHaveLength(4);
    const ids = requests.map((line) => line.requestId);
    expect(new Set(ids).size).toBe(4);
    for (const answer of [answers.plainText!, answers.wrongMethod!, answers.noToken!]) {
      expect(ids).toContain(answer.headers.get('x-request-id'));
    }
    expect([answers.plainText!.status, answers.wrongMethod!.status, answers.noToken!.status]).toEqual([415, 405, 401]);
  });

  it('puts the eventId and correlationId on the ingest, relay and projector lines', () => {
    const about = lines.filter((line) => line.eventId === event.eventId);
    expect(about.every((line) => line.correlationId === correlationId)).toBe(true);
    expect(about.find((line) => line.msg === 'event appended')).toMatchObject({ requestId, streamId: `unit-${unitId}` });
    expect(about.find((line) => line.msg === 'event published')).toMatchObject({ context: 'relay', streamId: `unit-${unitId}` });
    const applied = about.filter((line) => line.msg === 'event applied').map((line) => line.projection);
    expect(applied.sort()).toEqual(['figures', 'units']);
  });

  it('serves standard Prometheus metrics without a token on the management port', async () => {
    expect(answers.metrics!.status).toBe(200);
    const text = await answers.metrics!.text();
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_total_bytes \d/m);
    expect(text).toMatch(
      /^http_server_request_duration_seconds_count\{http_request_method="POST",http_response_status_code="200",http_route="\/v1\/events"\} 1$/m,
    );
    expect(text).toMatch(/^vigil_ingest_events_total\{status="appended"\} 1$/m);
    expect(text).toMatch(/^vigil_relay_published_total 1$/m);
    expect(text).toMatch(/^vigil_projection_dead_letters_total\{projection="units"\} 0$/m);
  });

  it('exported the event’s spans over OTLP/HTTP, request → append → relay publish → projector apply in one trace', () => {
    const request = receiver.spans.find((span) => span.name === 'POST /v1/events');
    expect(request).toMatchObject({ kind: SPAN_KIND.server, service: 'vigil' });
    const trace = receiver.spans.filter((span) => span.traceId === request!.traceId);
    const append = trace.find((span) => span.name === 'event-store append')!;
    const publish = trace.find((span) => span.name === 'send vigil.units.v1')!;
    const applied = trace.filter((span) => span.name === 'process vigil.units.v1');
    expect(append).toMatchObject({ kind: SPAN_KIND.internal, parentSpanId: request!.spanId });
    expect(publish).toMatchObject({ kind: SPAN_KIND.producer, parentSpanId: append.spanId });
    expect(applied).toHaveLength(2);
    for (const span of applied) expect(span).toMatchObject({ kind: SPAN_KIND.consumer, parentSpanId: publish.spanId });
  });
});
