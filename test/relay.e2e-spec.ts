import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket, connect as connectTcp } from 'node:net';
import { promisify } from 'node:util';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { CATEGORIES, categoryOfStream, type StoredEvent, toJsonStoredEvent } from '@vigil/contract';
import { EventStoreModule, PostgresEventStore, type StreamWrite } from '@vigil/event-store';
import { allTopics, ensureTopics, relayLockKey, type RelayOptions, RelayModule, topicOf } from '@vigil/messaging';
import { createApp, DatabaseModule, issueToken, loadConfig, PlatformModule, type VigilConfig } from '@vigil/platform';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { RelayAppModule } from '../apps/relay/src/relay-app.module';
import { VigilAppModule } from '../apps/vigil/src/vigil-app.module';
import { eventually } from './support/vigil-under-test';

// Issue 4 (relay): the event store's log reaches Kafka — every event, on its category's topic,
// keyed by stream, in revision order per key — across restarts, leader changes and Kafka outages.
// The database is shared with every other suite (and maybe other writers): each relay here runs
// in a fresh namespace whose checkpoint starts at the head as it was just before the test wrote,
// and the assertions look at this test's own streams and event ids.
jest.setTimeout(120_000);

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const principal = { role: 'operator', unit: 'VN' };
const execFileAsync = promisify(execFile);

interface Appended {
  eventId: string;
  streamId: string;
  revision: bigint;
  position: bigint;
}

interface Received {
  topic: string;
  partition: number;
  key: string;
  headers: Record<string, string>;
  value: { eventId: string; streamId: string; revision: string; position: string; type: string };
}

interface RelayCheck {
  status: 'up' | 'down';
  reason?: string;
  details: {
    leader: boolean;
    checkpoint: string | null;
    head: string | null;
    lagEvents: number | null;
    lagSeconds: number | null;
    lastError: string | null;
  };
}

interface RelayUnderTest {
  app: INestApplication;
  config: VigilConfig;
  url: string;
  relayCheck(): Promise<RelayCheck>;
  metrics(): Promise<string>;
  close(): Promise<void>;
}

/** The relay without KafkaModule, whose start-up waits for its admin client to give up (about a minute) when no broker answers. */
@Module({})
class RelayWithoutKafkaModule {
  static forRoot(config: VigilConfig, relay: RelayOptions): DynamicModule {
    return {
      module: RelayWithoutKafkaModule,
      imports: [PlatformModule.forRoot(config), DatabaseModule, EventStoreModule, RelayModule.forRoot(relay)],
    };
  }
}

describe('the relay: event store → Kafka', () => {
  const pool = new Pool({ connectionString: loadConfig().DATABASE_URL, max: 6 });
  const store = new PostgresEventStore(pool);
  const kafka = new Kafka({ clientId: 'relay-e2e', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(() => admin.connect());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });
  afterAll(async () => {
    await admin.disconnect();
    await pool.end();
  });

  /** A namespace of its own, whose topics and checkpoint are removed after the test. */
  function freshNamespace(): string {
    const namespace = `test-${randomUUID().slice(0, 8)}`;
    cleanups.push(async () => {
      const existing = new Set(await admin.listTopics());
      await admin.deleteTopics({ topics: allTopics(namespace).filter((topic) => existing.has(topic)) });
      await pool.query('DELETE FROM relay_checkpoints WHERE name = $1', [namespace]);
    });
    return namespace;
  }

  // ---- building and appending events -------------------------------------------------------

  /** Half weapons collections on `measure-…` streams, half cases (opened, then arrests) on `case-…` streams. */
  function freshStreams(count: number): string[] {
    return Array.from({ length: count }, (_, index) =>
      index % 2 === 0 ? `measure-RLY-${randomUUID().slice(0, 8)}` : `case-RLY-${randomUUID().slice(0, 8)}`,
    );
  }

  function envelopeFor(streamId: string, revision: number) {
    const id = streamId.slice(streamId.indexOf('-') + 1);
    const common = {
      eventId: randomUUID(),
      occurredAt: '2024-05-01T08:00:00+07:00',
      ...(revision % 7 === 3 ? { metadata: { correlationId: `corr-${id}-${revision}` } } : {}),
    };
    if (streamId.startsWith('measure-'))
      return { ...common, type: 'WeaponsCollected', data: { unitId: id, items: 2, kind: 'homemade' } };
    return revision === 0
      ? { ...common, type: 'CaseOpened', data: { caseId: id, unitId: 'VN', category: 'drugs', severity: 'serious' } }
      : { ...common, type: 'ArrestMade', data: { caseId: id, arrestId: `${id}:A${revision}`, persons: 1 } };
  }

  /** Appends `perStream` events to each stream, interleaving the streams, about `perCall` events per transaction. */
  async function appendEvents(streams: string[], perStream: number, perCall = 1_000): Promise<Appended[]> {
    const existing = await store.readStreams(streams);
    const written = new Map(streams.map((streamId) => [streamId, existing.get(streamId)?.length ?? 0]));
    const target = new Map(streams.map((streamId) => [streamId, written.get(streamId)! + perStream]));
    const perWrite = Math.max(1, Math.floor(perCall / streams.length));
    const appended: Appended[] = [];
    while (streams.some((streamId) => written.get(streamId)! < target.get(streamId)!)) {
      const writes: StreamWrite[] = streams
        .filter((streamId) => written.get(streamId)! < target.get(streamId)!)
        .map((streamId) => {
          const from = written.get(streamId)!;
          const count = Math.min(perWrite, target.get(streamId)! - from);
          written.set(streamId, from + count);
          const events = Array.from({ length: count }, (_, offset) => ({
            envelope: envelopeFor(streamId, from + offset),
            principal,
          }));
          return { streamId, expectedRevision: 'any', events } as unknown as StreamWrite;
        });
      for (const outcome of await store.appendMany(writes)) {
        if (outcome.status !== 'appended') throw new Error(`unexpected ${outcome.status} for ${outcome.eventId}`);
        appended.push(outcome);
      }
    }
    return appended;
  }

  // ---- the relay, its checkpoint, its lock --------------------------------------------------

  function configFor(namespace: string, overrides: Record<string, string> = {}): VigilConfig {
    return loadConfig({ ...process.env, VIGIL_NAMESPACE: namespace, ...overrides });
  }

  async function startApp(module: DynamicModule, config: VigilConfig): Promise<RelayUnderTest> {
    const app = await createApp(module);
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    let closed: Promise<void> | null = null;
    const relay: RelayUnderTest = {
      app,
      config,
      url,
      relayCheck: async () =>
        ((await (await fetch(`${url}/health/ready`)).json()) as { checks: { relay: RelayCheck } }).checks.relay,
      metrics: async () => {
        const token = await issueToken(config.VIGIL_JWT_SECRET, { role: 'operator', unit: 'VN', subject: 'jest' }, 3600);
        return (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
      },
      close: () => (closed ??= app.close()),
    };
    cleanups.push(() => relay.close());
    return relay;
  }

  const startRelay = (namespace: string, options: RelayOptions, overrides: Record<string, string> = {}) => {
    const config = configFor(namespace, overrides);
    return startApp(RelayAppModule.forRoot(config, options), config);
  };

  async function storedCheckpoint(name: string): Promise<bigint | null> {
    const { rows } = await pool.query<{ position: string }>('SELECT position FROM relay_checkpoints WHERE name = $1', [name]);
    return rows[0] ? BigInt(rows[0].position) : null;
  }

  const waitForLeader = (relay: RelayUnderTest, timeoutMs = 20_000) =>
    eventually(async () => {
      const check = await relay.relayCheck();
      return check.details.leader && check.status === 'up' ? check : undefined;
    }, timeoutMs);

  /** The backend holding a namespace's relay lock, as PostgreSQL stores a bigint advisory key. */
  async function lockHolder(namespace: string): Promise<number | undefined> {
    const { rows } = await pool.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
         AND ((classid::bigint << 32) | objid::bigint) = $1`,
      [relayLockKey(namespace).toString()],
    );
    return rows[0]?.pid;
  }

  // ---- reading Kafka ------------------------------------------------------------------------

  const categoryTopics = (namespace: string) => CATEGORIES.map((category) => topicOf(namespace, category));

  /** A plain kafkajs consumer in a fresh group over the namespace's topics, from the beginning. */
  async function consume(namespace: string, partitions: number): Promise<Received[]> {
    await ensureTopics(admin, categoryTopics(namespace), partitions);
    const consumer = kafka.consumer({ groupId: `${namespace}.relay-e2e-${randomUUID().slice(0, 6)}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    cleanups.push(() => consumer.disconnect());
    await consumer.subscribe({ topics: categoryTopics(namespace), fromBeginning: true });
    const received: Received[] = [];
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) =>
        void received.push({
          topic,
          partition,
          key: message.key!.toString(),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
          value: JSON.parse(message.value!.toString()),
        }),
    });
    return received;
  }

  const receivedAll = (received: Received[], appended: Appended[], timeoutMs = 60_000) =>
    eventually(async () => {
      const seen = new Set(received.map((message) => message.value.eventId));
      return appended.every((event) => seen.has(event.eventId)) ? true : undefined;
    }, timeoutMs);

  /** Revisions per stream of ours, in the order Kafka delivered them. */
  function revisionsByKey(received: Received[], streams: string[]): Map<string, number[]> {
    const ours = new Set(streams);
    const byKey = new Map<string, number[]>();
    for (const message of received) {
      if (!ours.has(message.key)) continue;
      byKey.set(message.key, [...(byKey.get(message.key) ?? []), Number(message.value.revision)]);
    }
    return byKey;
  }

  /** What a consumer applies when it skips any revision not above the last one it applied for the stream. */
  const deduplicated = (revisions: number[]) =>
    revisions.filter((revision, index) => revision > Math.max(-1, ...revisions.slice(0, index)));

  const expectedRevisions = (appended: Appended[], streams: string[]) =>
    new Map(
      streams.map((streamId) => [
        streamId,
        appended.filter((event) => event.streamId === streamId).map((event) => Number(event.revision)),
      ]),
    );

  /** Every appended event at least once, and per stream the applied revisions exactly the appended ones, in order. */
  function expectNothingLostAndOrderKept(received: Received[], appended: Appended[], streams: string[]): number {
    const ours = new Set(appended.map((event) => event.eventId));
    const mine = received.filter((message) => ours.has(message.value.eventId));
    expect(new Set(mine.map((message) => message.value.eventId)).size).toBe(appended.length);
    const byKey = revisionsByKey(received, streams);
    const applied = new Map([...byKey].map(([key, revisions]) => [key, deduplicated(revisions)]));
    expect(applied).toEqual(expectedRevisions(appended, streams));
    return mine.length - appended.length;
  }

  // ---- kcat, Debian's Kafka client, as an independent reader ------------------------------

  function kcatMissing(): string | null {
    const probe = spawnSync('kcat', ['-V'], { encoding: 'utf8' });
    if (probe.error)
      return `kcat is not installed (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message}); try apt-get install -y kcat`;
    return probe.status === 0 ? null : `kcat -V exited with ${probe.status}`;
  }

  async function readWithKcat(
    topic: string,
  ): Promise<Array<{ key: string; partition: number; headers: string[]; payload: string }>> {
    const { stdout } = await execFileAsync('kcat', ['-b', BROKERS, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-J'], {
      maxBuffer: 512 * 1024 * 1024,
    });
    return stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line));
  }

  // ---- the scenarios ------------------------------------------------------------------------

  it('publishes every event to its category topic, keyed by stream, as the stored event with its headers, in revision order', async () => {
    const namespace = freshNamespace();
    const streams = freshStreams(40);
    const start = await store.headPosition();
    const backlog = await appendEvents(streams, 500); // 20,000 events waiting before the relay starts

    const relay = await startRelay(namespace, { initialPosition: start });
    const received = await consume(namespace, relay.config.KAFKA_TOPIC_PARTITIONS);
    const firstPage = await eventually(async () => {
      const checkpoint = (await storedCheckpoint(namespace)) ?? start;
      return checkpoint > start ? { checkpoint, at: performance.now() } : undefined;
    });
    await eventually(async () => ((await storedCheckpoint(namespace))! >= backlog.at(-1)!.position ? true : undefined), 60_000);
    const seconds = (performance.now() - firstPage.at) / 1000;
    const events = Number(backlog.at(-1)!.position - firstPage.checkpoint);
    console.log(
      `relay throughput after the first page: ${events} events acknowledged by Kafka in ${seconds.toFixed(2)} s ≈ ${Math.round(events / seconds)} events/s`,
    );

    const live = await appendEvents(streams, 10); // and followed live once caught up
    const appended = [...backlog, ...live];
    await receivedAll(received, appended);

    const mine = received.filter((message) => streams.includes(message.key));
    expect(mine).toHaveLength(appended.length); // each exactly once: no failure, no retry duplicated anything
    const stored = await store.readStreams(streams);
    const expectedValue = new Map(
      [...stored.values()]
        .flat()
        .map((event) => [event.eventId, JSON.parse(JSON.stringify(toJsonStoredEvent(event as StoredEvent)))]),
    );
    for (const message of mine) {
      expect(message.topic).toBe(`${namespace}.${categoryOfStream(message.key)}.v1`);
      expect(message.key).toBe(message.value.streamId);
      expect(message.value).toEqual(expectedValue.get(message.value.eventId));
      const correlationId = (expectedValue.get(message.value.eventId) as { metadata: { correlationId?: string } }).metadata
        .correlationId;
      expect(message.headers).toEqual({ type: message.value.type, ...(correlationId ? { correlationId } : {}) });
    }
    expect(new Set(mine.map((message) => message.topic))).toEqual(new Set([`${namespace}.measures.v1`, `${namespace}.cases.v1`]));
    expect(mine.filter((message) => message.headers.correlationId).length).toBe(40 * 73); // revisions 3, 10, …, 507 of each stream
    expect(revisionsByKey(received, streams)).toEqual(expectedRevisions(appended, streams));

    const check = await eventually(async () => {
      const current = await relay.relayCheck();
      return current.details.lagEvents === 0 && BigInt(current.details.checkpoint!) >= appended.at(-1)!.position
        ? current
        : undefined;
    });
    expect(check).toMatchObject({ status: 'up', details: { leader: true, lagEvents: 0, lagSeconds: 0, lastError: null } });
    const metrics = await relay.metrics();
    expect(Number(/^vigil_relay_published_total (\d+)/m.exec(metrics)![1])).toBeGreaterThanOrEqual(appended.length);
    expect(metrics).toMatch(/^vigil_relay_lag_events 0$/m);
    expect(metrics).toMatch(/^vigil_relay_lag_seconds 0$/m);

    const kcatProblem = kcatMissing();
    if (kcatProblem) {
      console.warn(`NOTICE: kcat cross-check skipped: ${kcatProblem}`);
      return;
    }
    const byKcat = (await Promise.all([`${namespace}.measures.v1`, `${namespace}.cases.v1`].map(readWithKcat))).flat();
    const kcatMine = byKcat.filter((record) => streams.includes(record.key));
    expect(kcatMine).toHaveLength(appended.length);
    const kcatRevisions = new Map<string, number[]>();
    for (const record of kcatMine) {
      const value = JSON.parse(record.payload) as Received['value'];
      expect(record.key).toBe(value.streamId);
      expect(record.headers.slice(0, 2)).toEqual(['type', value.type]);
      kcatRevisions.set(record.key, [...(kcatRevisions.get(record.key) ?? []), Number(value.revision)]);
    }
    expect(kcatRevisions).toEqual(expectedRevisions(appended, streams));
  });

  it('resumes from its checkpoint after a restart mid-stream, and a republished page is harmless', async () => {
    const namespace = freshNamespace();
    const streams = freshStreams(30);
    const start = await store.headPosition();
    const pageSize = 250;
    const first = await startRelay(namespace, { initialPosition: start, pageSize });
    const received = await consume(namespace, first.config.KAFKA_TOPIC_PARTITIONS);

    // Stop the relay while events are still being appended and published.
    const appending = (async () => {
      const batches: Appended[] = [];
      for (let round = 0; round < 20; round += 1) batches.push(...(await appendEvents(streams, 10, 300)));
      return batches;
    })();
    await eventually(async () => (((await storedCheckpoint(namespace)) ?? 0n) >= start + 1_500n ? true : undefined), 30_000);
    await first.close();
    const stoppedAt = (await storedCheckpoint(namespace))!;
    const appended = await appending;
    expect(stoppedAt).toBeLessThan(appended.at(-1)!.position);

    const second = await startRelay(namespace, { initialPosition: start, pageSize });
    await receivedAll(received, appended);
    const duplicates = expectNothingLostAndOrderKept(received, appended, streams);
    expect(duplicates).toBeLessThanOrEqual(pageSize); // resumed from the checkpoint, not from the start
    await second.close();

    // A crash after Kafka acknowledged 300 events but before the checkpoint recorded them.
    const more = await appendEvents(streams, 10, 300);
    const rewoundTo = appended.at(-1)!.position - 300n;
    await pool.query('UPDATE relay_checkpoints SET position = $2 WHERE name = $1', [namespace, rewoundTo.toString()]);
    const third = await startRelay(namespace, { initialPosition: start, pageSize });
    const all = [...appended, ...more];
    await receivedAll(received, all);
    await eventually(async () => ((await third.relayCheck()).details.lagEvents === 0 ? true : undefined));
    const republished = expectNothingLostAndOrderKept(received, all, streams);
    expect(republished).toBeGreaterThanOrEqual(duplicates + appended.filter((event) => event.position > rewoundTo).length);
    console.log(
      `restart: ${duplicates} events published twice by the clean restart, ${republished - duplicates} after the simulated crash`,
    );
  });

  it('lets only one of two relays on a namespace publish; the other takes over when the leader stops', async () => {
    const namespace = freshNamespace();
    const streams = freshStreams(20);
    const start = await store.headPosition();
    const relays = [
      await startRelay(namespace, { initialPosition: start }),
      await startRelay(namespace, { initialPosition: start }),
    ];
    const received = await consume(namespace, relays[0]!.config.KAFKA_TOPIC_PARTITIONS);

    const roles = await eventually(async () => {
      const checks = await Promise.all(relays.map((relay) => relay.relayCheck()));
      return checks.every((check) => check.status === 'up') && checks.some((check) => check.details.leader) ? checks : undefined;
    });
    expect(roles.map((check) => check.details.leader).sort()).toEqual([false, true]);
    const leader = relays[roles.findIndex((check) => check.details.leader)]!;
    const standby = relays[roles.findIndex((check) => !check.details.leader)]!;

    const appending = (async () => {
      const batches: Appended[] = [];
      for (let round = 0; round < 10; round += 1) batches.push(...(await appendEvents(streams, 10, 200)));
      return batches;
    })();
    await eventually(async () => (((await storedCheckpoint(namespace)) ?? 0n) >= start + 500n ? true : undefined), 30_000);
    await leader.close();
    expect((await waitForLeader(standby)).details.leader).toBe(true);
    const appended = await appending;

    await receivedAll(received, appended);
    const duplicates = expectNothingLostAndOrderKept(received, appended, streams);
    console.log(`takeover: ${duplicates} events published twice`);
  });

  it('stops publishing when its lock connection dies, and publishes again once it holds the lock', async () => {
    const namespace = freshNamespace();
    const streams = freshStreams(10);
    const start = await store.headPosition();
    const relay = await startRelay(namespace, { initialPosition: start, lockRetryMs: 200 });
    const received = await consume(namespace, relay.config.KAFKA_TOPIC_PARTITIONS);
    await waitForLeader(relay);
    const before = await appendEvents(streams, 5);
    await receivedAll(received, before);

    // Kill the leader's lock session and take the lock ourselves before the relay can again.
    const usurper = await pool.connect();
    cleanups.push(async () => usurper.release(true));
    const holder = (await lockHolder(namespace))!;
    const takeover = usurper.query('SELECT pg_advisory_lock($1)', [relayLockKey(namespace).toString()]);
    await pool.query('SELECT pg_terminate_backend($1)', [holder]);
    await takeover;
    await eventually(async () => ((await relay.relayCheck()).details.leader ? undefined : true));

    const topics = categoryTopics(namespace);
    const offsets = async () =>
      (await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic))))
        .flat()
        .reduce((sum, partition) => sum + Number(partition.high), 0);
    const publishedBefore = await offsets();
    const checkpointBefore = await storedCheckpoint(namespace);
    const during = await appendEvents(streams, 5);
    // Once the deposed relay has seen the new events (its lag probe read the new head), nothing of them is on Kafka.
    await eventually(async () => {
      const check = await relay.relayCheck();
      return BigInt(check.details.head ?? 0) >= during.at(-1)!.position ? check : undefined;
    });
    expect(await offsets()).toBe(publishedBefore);
    expect(await storedCheckpoint(namespace)).toBe(checkpointBefore);

    await usurper.query('SELECT pg_advisory_unlock($1)', [relayLockKey(namespace).toString()]);
    await waitForLeader(relay);
    await receivedAll(received, during);
    expectNothingLostAndOrderKept(received, [...before, ...during], streams);
  });

  it('reports itself not ready while Kafka is unreachable, and publishes everything once Kafka answers', async () => {
    const namespace = freshNamespace();
    const streams = freshStreams(10);
    const start = await store.headPosition();
    const port = await freePort();
    const config = configFor(namespace, { KAFKA_BROKERS: `127.0.0.1:${port}` });
    const relay = await startApp(RelayWithoutKafkaModule.forRoot(config, { initialPosition: start }), config);

    const down = await eventually(async () => {
      const check = await relay.relayCheck();
      return check.status === 'down' && /ECONNREFUSED|Connection error/.test(check.reason ?? '') ? check : undefined;
    }, 30_000);
    expect(down.details.leader).toBe(true);
    expect((await fetch(`${relay.url}/health/ready`)).status).toBe(503);

    const appended = await appendEvents(streams, 50);
    const lagging = await eventually(async () => {
      const check = await relay.relayCheck();
      return (check.details.lagEvents ?? 0) >= appended.length ? check : undefined;
    });
    expect(lagging.status).toBe('down');
    expect(BigInt(lagging.details.checkpoint!)).toBe(start);
    expect(await storedCheckpoint(namespace)).toBe(start);

    const received = await consume(namespace, config.KAFKA_TOPIC_PARTITIONS);
    const proxy = await forwardPort(port, BROKERS.split(',')[0]!); // Kafka comes back
    cleanups.push(() => proxy.close());
    await receivedAll(received, appended);
    const duplicates = expectNothingLostAndOrderKept(received, appended, streams);
    expect(duplicates).toBe(0);
    const recovered = await eventually(async () => {
      const check = await relay.relayCheck();
      return check.status === 'up' && check.details.lagEvents === 0 ? check : undefined;
    }, 30_000);
    expect(recovered.details).toMatchObject({ leader: true, lagSeconds: 0, lastError: null });
  });

  it('runs inside the all-in-one app, which closes promptly while the relay is publishing', async () => {
    const config = configFor(freshNamespace());
    const vigil = await startApp(VigilAppModule.forRoot(config, { relay: { initialPosition: 'head' } }), config);
    await waitForLeader(vigil);
    const streams = freshStreams(10);
    await appendEvents(streams, 200);

    // Closing must not hang on the relay in flight (the test's timeout bounds it; how fast is not asserted).
    await vigil.close();
    expect(await lockHolder(config.VIGIL_NAMESPACE)).toBeUndefined();
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP forwarder from 127.0.0.1:`port` to `target` (host:port): the broker becoming reachable on that address. */
async function forwardPort(port: number, target: string): Promise<{ close(): Promise<void> }> {
  const [host, targetPort] = target.split(':');
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connectTcp(Number(targetPort), host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
