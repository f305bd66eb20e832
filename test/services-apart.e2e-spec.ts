import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATEGORIES, type EventEnvelope } from '@vigil/contract';
import { allTopics, consumerGroup, deadLetterTopic, topicOf } from '@vigil/messaging';
import { issueToken, loadConfig } from '@vigil/platform';
import { PROJECTIONS } from '@vigil/projections';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { MINISTRY_SOURCE, generateEvents, upstreamOf } from '../bench/generator';
import { UpstreamLanes } from '../bench/ingest/upstream-lanes';
import { type AppName, type BuiltApp, ensureBuilt, startBuiltApp, waitUntilReady } from './support/built-app';
import { groupLag, readTopics } from './support/kafka-reading';
import { prepareDatabase } from './support/service-process';
import { TwinPoster } from './support/twin-poster';
import { eventually } from './support/vigil-under-test';

// Issue 17, item 4 (ARCHITECTURE guarantee 11): the services apart behave as one. The built apps run
// as docker-compose runs them — ingest ×2, relay ×2, projector ×2 and query, each its own process —
// against one broker and one database, while the all-in-one app runs on a database of its own. The
// same generated country goes to both; mid-stream the leading relay and one projector are killed
// with SIGKILL. Then every acknowledged event is stored once, reached Kafka, and every answer of
// the query service equals the all-in-one's, now and as known at a moment between two phases.

const EVENTS = 4_000;
const COMMUNES = 40;
/** The ministry's tree and directives, posted first in order. */
const BATCH = 100;
/** Each upstream system's batches afterwards: small enough that every lane posts several in each phase. */
const LANE_BATCH = 25;
const PHASE_ONE = 1_500;
/** Events of the second phase answered before the kills (the posting goes on meanwhile). */
const BEFORE_KILLS = 600;
const PERIOD = 'from=2024-01-01&to=2025-12-31';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SECRET = process.env.VIGIL_JWT_SECRET ?? 'test-secret-test-secret-test-secret-0123';
const { DATABASE_URL: TEST_DATABASE, KAFKA_TOPIC_PARTITIONS: PARTITIONS } = loadConfig({
  ...process.env,
  VIGIL_JWT_SECRET: SECRET,
});

/** A sibling of the test database: the suite's own, dropped first and after. */
function siblingDatabase(suffix: string): string {
  const url = new URL(TEST_DATABASE);
  url.pathname = `${url.pathname}_${suffix}`;
  return url.toString();
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(new URL(databaseUrl).pathname.slice(1))} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function queryOne<T>(pool: pg.Pool, sql: string): Promise<T> {
  return (await pool.query(sql)).rows[0] as T;
}

interface Readiness {
  status: 'up' | 'down';
  checks: Record<string, { status: string; reason?: string; details?: any }>;
}

async function readiness(app: BuiltApp): Promise<Readiness> {
  return (await (await fetch(`${app.url}/health/ready`, { signal: AbortSignal.timeout(10_000) })).json()) as Readiness;
}

/** Partitions assigned to each projection of a projector, from its readiness. */
async function partitionsOf(projector: BuiltApp): Promise<Record<string, number>> {
  const details = (await readiness(projector)).checks.projector?.details ?? {};
  return Object.fromEntries(
    Object.entries(details).map(([name, report]: [string, any]) => [name, report.details?.partitions ?? -1]),
  );
}

const projectionGroups = (namespace: string) =>
  PROJECTIONS.map((projection) => ({
    groupId: consumerGroup(namespace, `projector.${projection.name}`),
    topics: projection.categories.map((category) => topicOf(namespace, category)),
  }));

describe('the services apart (ingest ×2, relay ×2, projector ×2, query) against the all-in-one', () => {
  const runId = randomUUID().slice(0, 8);
  const apartNamespace = `test-apart-${runId}`;
  const referenceNamespace = `test-one-${runId}`;
  const apartDatabase = siblingDatabase('services_apart');
  const referenceDatabase = siblingDatabase('services_reference');
  const logDir = mkdtempSync(join(tmpdir(), 'vigil-services-apart-'));
  const kafka = new Kafka({ clientId: 'services-apart-e2e', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const apps: BuiltApp[] = [];
  let apartPool: pg.Pool;
  let referencePool: pg.Pool;
  let twin: TwinPoster;
  let query: BuiltApp;
  let reference: BuiltApp;
  let standbyRelay: BuiltApp;
  let survivingProjector: BuiltApp;
  let partitionsBeforeKill: Record<string, number>[] = [];
  let killedAt = { leader: '', checkpoint: 0, head: 0, answered: 0 };
  let asOf = '';
  let analystToken = '';
  /** Logs are kept for a failure and removed after a run that passed. */
  let failed = false;

  /** Wraps a failure with the tail of every process's log. */
  async function explained<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      const tails = apps.map(
        (app) => `--- ${app.label} (pid ${app.pid}, ${app.alive ? 'alive' : 'gone'}) ${app.logFile}\n${app.tail(8)}`,
      );
      failed = true;
      if (error instanceof Error) error.message = `${error.message}\n\nlogs in ${logDir}:\n${tails.join('\n')}`;
      throw error;
    }
  }

  async function start(app: AppName, label: string, env: Record<string, string>): Promise<BuiltApp> {
    const started = await startBuiltApp(
      app,
      label,
      { VIGIL_JWT_SECRET: SECRET, KAFKA_BROKERS: BROKERS, LOG_LEVEL: 'info', ...env },
      logDir,
    );
    apps.push(started);
    return started;
  }

  /** Which relay holds the lock, as its readiness says. */
  async function leadingRelay(relays: BuiltApp[]): Promise<BuiltApp> {
    return eventually(async () => {
      const leaders: BuiltApp[] = [];
      for (const relay of relays) if ((await readiness(relay)).checks.relay?.details?.leader) leaders.push(relay);
      return leaders.length === 1 ? leaders[0] : undefined;
    }, 30_000);
  }

  async function storeHead(pool: pg.Pool): Promise<number> {
    return Number((await queryOne<{ head: string | null }>(pool, 'SELECT max(position) AS head FROM events')).head ?? 0);
  }

  async function relayCheckpoint(pool: pg.Pool, namespace: string): Promise<number> {
    const { rows } = await pool.query<{ position: string }>('SELECT position FROM relay_checkpoints WHERE name = $1', [
      namespace,
    ]);
    return Number(rows[0]?.position ?? -1);
  }

  /** Every stored event published and every projection's group committed up to the topics' ends. */
  async function caughtUp(pool: pg.Pool, namespace: string): Promise<true | undefined> {
    const head = await storeHead(pool);
    if ((await relayCheckpoint(pool, namespace)) !== head) return undefined;
    for (const { groupId, topics } of projectionGroups(namespace))
      if ((await groupLag(admin, groupId, topics)) > 0) return undefined;
    return true;
  }

  beforeAll(
    () =>
      explained(async () => {
        const started = Date.now();
        await ensureBuilt(['vigil', 'ingest', 'relay', 'projector', 'query']);
        for (const database of [apartDatabase, referenceDatabase]) {
          await dropDatabase(database);
          prepareDatabase(database);
        }
        apartPool = new pg.Pool({ connectionString: apartDatabase, max: 2 });
        referencePool = new pg.Pool({ connectionString: referenceDatabase, max: 2 });
        await admin.connect();

        const apart = { DATABASE_URL: apartDatabase, VIGIL_NAMESPACE: apartNamespace };
        const ingests = [await start('ingest', 'ingest-1', apart), await start('ingest', 'ingest-2', apart)];
        const relays = [await start('relay', 'relay-1', apart), await start('relay', 'relay-2', apart)];
        const projectors = [await start('projector', 'projector-1', apart), await start('projector', 'projector-2', apart)];
        query = await start('query', 'query', apart);
        reference = await start('vigil', 'all-in-one', { DATABASE_URL: referenceDatabase, VIGIL_NAMESPACE: referenceNamespace });
        await Promise.all(apps.map((app) => waitUntilReady(app, 120_000)));

        const token = await issueToken(SECRET, { role: 'operator', unit: 'VN', subject: 'services-apart' }, 3600);
        analystToken = await issueToken(SECRET, { role: 'analyst', unit: 'VN', subject: 'services-apart' }, 3600);
        twin = new TwinPoster(
          ingests.map((ingest) => ingest.url),
          reference.url,
          token,
        );

        // The ministry's tree and directives first, in order; then every upstream system in its own lane.
        const events = [...generateEvents({ events: EVENTS, communes: COMMUNES, seed: 'services-apart' })];
        const setup = events.findIndex((event) => upstreamOf(event) !== MINISTRY_SOURCE);
        for (let index = 0; index < setup; index += BATCH) await twin.post(events.slice(index, Math.min(index + BATCH, setup)));
        await postInLanes(events.slice(setup, setup + PHASE_ONE));

        // A knowledge time between the phases: both systems had stored the first and none of the second.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        asOf = new Date().toISOString();
        await new Promise((resolve) => setTimeout(resolve, 1_000));

        const leader = await leadingRelay(relays);
        standbyRelay = relays.find((relay) => relay !== leader)!;
        survivingProjector = projectors[1]!;
        const phaseOneHead = await storeHead(apartPool);
        await postInLanes(events.slice(setup + PHASE_ONE), {
          after: BEFORE_KILLS,
          run: async () => {
            // Mid-stream: the leader has published part of the second phase, and posts are in flight.
            await eventually(
              async () => ((await relayCheckpoint(apartPool, apartNamespace)) > phaseOneHead ? true : undefined),
              30_000,
            );
            partitionsBeforeKill = await Promise.all(projectors.map(partitionsOf));
            const checkpoint = await relayCheckpoint(apartPool, apartNamespace);
            await Promise.all([leader.kill('SIGKILL'), projectors[0]!.kill('SIGKILL')]);
            killedAt = { leader: leader.label, checkpoint, head: await storeHead(apartPool), answered: twin.apart.size };
          },
        });

        await eventually(() => caughtUp(apartPool, apartNamespace), 120_000).catch(async () => {
          throw new Error(
            `the services apart did not catch up: head ${await storeHead(apartPool)}, checkpoint ${await relayCheckpoint(apartPool, apartNamespace)}, ` +
              `lag ${JSON.stringify(await Promise.all(projectionGroups(apartNamespace).map((group) => groupLag(admin, group.groupId, group.topics))))}`,
          );
        });
        await eventually(() => caughtUp(referencePool, referenceNamespace), 30_000);
        process.stdout.write(
          `services apart: ${EVENTS} events; ${killedAt.leader} (leader) and projector-1 killed at checkpoint ` +
            `${killedAt.checkpoint} of ${killedAt.head} stored (${killedAt.answered} of ${EVENTS} answered); caught up after ${((Date.now() - started) / 1000).toFixed(0)} s; logs in ${logDir}\n`,
        );
      }),
    240_000,
  );

  /**
   * Posts `events` through lanes (each upstream system in order, three requests at once); `midway`
   * runs once `after` of them were answered, while the rest are being posted.
   */
  async function postInLanes(events: EventEnvelope[], midway?: { after: number; run: () => Promise<void> }): Promise<void> {
    const lanes = new UpstreamLanes(twin.post, { batchSize: LANE_BATCH, concurrency: 3, maxWaiting: 6 });
    const answeredBefore = twin.apart.size;
    const posting = (async () => {
      for (const event of events) await lanes.add(event, upstreamOf(event));
      await lanes.drain();
    })();
    const halfway = midway
      ? eventually(async () => (twin.apart.size - answeredBefore >= midway.after ? true : undefined), 120_000).then(midway.run)
      : Promise.resolve();
    halfway.catch(() => undefined); // when posting fails first, its failure is the one reported
    await Promise.all([posting, halfway]);
  }

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    const topics = new Set(await admin.listTopics().catch(() => [] as string[]));
    const ours = [...allTopics(apartNamespace), ...allTopics(referenceNamespace)].filter((topic) => topics.has(topic));
    await admin.deleteTopics({ topics: ours }).catch(() => undefined);
    await admin.disconnect();
    await apartPool?.end();
    await referencePool?.end();
    for (const database of [apartDatabase, referenceDatabase]) await dropDatabase(database).catch(() => undefined);
    if (!failed) rmSync(logDir, { recursive: true, force: true });
  }, 60_000);

  it('stores every acknowledged event exactly once, each answered as the all-in-one answered it', () =>
    explained(async () => {
      expect(twin.apart.size).toBe(EVENTS);
      expect(twin.apart).toEqual(twin.reference);
      const rejected = [...twin.apart.values()].filter((verdict) => verdict !== 'appended');
      expect(rejected).toEqual([]);
      const stored = await queryOne<{ events: string; ids: string }>(
        apartPool,
        'SELECT count(*) AS events, count(DISTINCT event_id) AS ids FROM events',
      );
      expect({ events: Number(stored.events), ids: Number(stored.ids) }).toEqual({ events: EVENTS, ids: EVENTS });
      const { rows } = await apartPool.query<{ event_id: string }>('SELECT event_id FROM events');
      expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(twin.apart.keys()));
    }));

  it('the standby relay took over from the killed leader and published every stored event, in order per stream', () =>
    explained(async () => {
      const head = await storeHead(apartPool);
      const relay = (await readiness(standbyRelay)).checks.relay!;
      expect(relay).toMatchObject({ status: 'up', details: { leader: true, checkpoint: String(head) } });
      // Killed mid-stream: after it had published part of the second phase, before the last event was posted.
      expect(killedAt.answered).toBeLessThan(EVENTS);
      expect(killedAt.checkpoint).toBeGreaterThan(0);
      expect(killedAt.checkpoint).toBeLessThan(killedAt.head);

      const topics = CATEGORIES.map((category) => topicOf(apartNamespace, category));
      const published = await readTopics(kafka, admin, topics, 60_000);
      const { rows } = await apartPool.query<{ position: string; stream_id: string; revision: string }>(
        'SELECT position, stream_id, revision FROM events ORDER BY position',
      );
      // Nothing lost, nothing that was not stored.
      expect(new Set(published.map((event) => event.position))).toEqual(new Set(rows.map((row) => Number(row.position))));
      // At least once: what went out twice is what the standby re-sent from the leader's last checkpoint on.
      const resent = published.length - rows.length;
      const seen = new Set<number>();
      const twice: number[] = [];
      for (const { position } of published) {
        if (seen.has(position)) twice.push(position);
        seen.add(position);
      }
      expect(twice.filter((position) => position <= killedAt.checkpoint)).toEqual([]);
      process.stdout.write(`services apart: ${published.length} messages on Kafka for ${rows.length} stored events\n`);
      expect(resent).toBeGreaterThanOrEqual(0);
      expect(resent).toBeLessThanOrEqual(2_000);
      // Per stream, what a consumer that skips revisions it has seen applies is exactly the stored revisions.
      const applied = new Map<string, number[]>();
      for (const event of published) {
        const revisions = applied.get(event.streamId) ?? [];
        if (revisions.length === 0 || event.revision > revisions[revisions.length - 1]!) revisions.push(event.revision);
        applied.set(event.streamId, revisions);
      }
      const stored = new Map<string, number[]>();
      for (const row of rows) stored.set(row.stream_id, [...(stored.get(row.stream_id) ?? []), Number(row.revision)]);
      expect(applied).toEqual(stored);
    }));

  it('the surviving projector took over every partition, and nothing was dead-lettered', () =>
    explained(async () => {
      const before = partitionsBeforeKill;
      const total = Object.fromEntries(PROJECTIONS.map(({ name }) => [name, before[0]![name]! + before[1]![name]!]));
      for (const { name, categories } of PROJECTIONS) expect(total[name]).toBe(categories.length * PARTITIONS);
      expect(await partitionsOf(survivingProjector)).toEqual(total);
      for (const namespace of [apartNamespace, referenceNamespace]) {
        const offsets = await admin.fetchTopicOffsets(deadLetterTopic(namespace));
        expect(offsets.map((partition) => Number(partition.high))).toEqual(offsets.map(() => 0));
      }
    }));

  /** GET of one path from the query service and from the all-in-one. */
  async function bothAnswer(path: string): Promise<{ path: string; apart: unknown; reference: unknown }> {
    const get = async (base: string) => {
      const response = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${analystToken}` },
        signal: AbortSignal.timeout(30_000),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const [apart, referenceAnswer] = await Promise.all([get(query.url), get(reference.url)]);
    return { path, apart: comparable(path, apart), reference: comparable(path, referenceAnswer) };
  }

  /** An answer without `asOf` echoes the moment it was computed: that echo differs by a few milliseconds. */
  function comparable(path: string, answer: { status: number; body: any }) {
    if (path.includes('asOf=') || typeof answer.body?.asOf !== 'string') return answer;
    const { asOf: _now, ...body } = answer.body;
    return { ...answer, body };
  }

  it('the query service answers as the all-in-one does: directive progress and unit stats, now and as known between the phases', () =>
    explained(async () => {
      const { reference: directives } = await bothAnswer('/v1/directives');
      const directiveIds = (directives as any).body.directives.map((directive: { directiveId: string }) => directive.directiveId);
      const { reference: tree } = await bothAnswer('/v1/units?at=2025-12-31');
      const unitIds = (tree as any).body.units.map((unit: { unitId: string }) => unit.unitId);
      expect(directiveIds.length).toBeGreaterThan(0);
      expect(unitIds.length).toBeGreaterThan(COMMUNES);

      const paths = ['/v1/directives', '/v1/units?at=2025-12-31', `/v1/units?at=2025-12-31&asOf=${asOf}`];
      for (const id of directiveIds) paths.push(`/v1/directives/${id}/progress`, `/v1/directives/${id}/progress?asOf=${asOf}`);
      for (const id of unitIds) paths.push(`/v1/units/${id}/stats?${PERIOD}`, `/v1/units/${id}/stats?${PERIOD}&asOf=${asOf}`);
      paths.push(
        `/v1/units/VN/stats?${PERIOD}&breakdown=children`,
        '/v1/units/VN/compare?at=2025-12-31',
        `/v1/units/VN/compare?at=2025-12-31&asOf=${asOf}`,
        '/v1/units/VN/series?figure=casesOpened&grain=month&from=2024-01-01&to=2025-12-31',
      );
      const answers = [];
      for (const path of paths) answers.push(await bothAnswer(path));
      const differing = answers.filter((answer) => JSON.stringify(answer.apart) !== JSON.stringify(answer.reference));
      expect(differing.map((answer) => answer.path)).toEqual([]);
      // As known between the phases, a directive issued in the second is not found, by both alike.
      const unanswered = answers.filter((answer) => (answer.reference as { status: number }).status !== 200);
      expect(unanswered.filter((answer) => !answer.path.includes('asOf=')).map((answer) => answer.path)).toEqual([]);

      // The knowledge time between the phases is a real cut: fewer cases known then than now.
      const now = (answers.find((answer) => answer.path === `/v1/units/VN/stats?${PERIOD}`)!.reference as any).body;
      const then = (answers.find((answer) => answer.path === `/v1/units/VN/stats?${PERIOD}&asOf=${asOf}`)!.reference as any).body;
      expect(then.casesOpened).toBeGreaterThan(0);
      expect(then.casesOpened).toBeLessThan(now.casesOpened);
    }));
});
