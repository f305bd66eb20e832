import type { EventStore } from '@vigil/event-store';
import { describeDatabaseError, type Logger, type Metrics } from '@vigil/platform';
import { type Projection, RebuildRequiredError, prepareProjection, rebuildProjections } from '@vigil/projections';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { ensureTopicsExist } from '../kafka/ensure-topics';
import { consumerGroup, deadLetterTopic, topicOf } from '../kafka/topics';
import { withApplySpans } from './apply-spans';
import { type BatchOutcome, BatchProcessor, type PartitionBatch } from './batch-processor';
import { type BatchRetryPolicy, DEFAULT_BATCH_RETRY, type FailureKind, withBatchRetries } from './batch-retries';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { RunnerStatus } from './runner-status';
import { TurnBatcher } from './turn-batcher';

export interface ProjectionRunnerOptions {
  namespace: string;
  partitions: number;
  /**
   * Partitions of a fetch handed over at once; those of one turn are applied in ONE transaction
   * (`TurnBatcher`). Default: every partition of the projection's topics.
   */
  partitionsConsumedConcurrently?: number;
  /**
   * The event store: when the live version was built by another code version of the projection,
   * the runner rebuilds it from there (blue/green, the old version serving meanwhile) before it
   * consumes. Without it, it reports that `vigil projections rebuild` is needed.
   */
  store?: EventStore;
  /** How a failing batch is retried before its poison events are set aside (tests shorten it). */
  retry?: BatchRetryPolicy;
  /** Stuck partitions of the projection across its consumers in this process (default: this runner's). */
  stuckCount?: () => number;
  /** The projection's consumers in this process (default 1): they share one fetch's bytes between them. */
  consumers?: number;
}

/** A partition's batch, the offset to commit once it is applied, and its consumer's callbacks. */
type FetchedBatch = PartitionBatch & {
  nextOffset: string;
  payload: Pick<EachBatchPayload, 'heartbeat' | 'isRunning' | 'isStale'> & { batch: EachBatchPayload['batch'] };
};

const RETRY_MS = 2_000;
const APPLIED = ['vigil_projection_applied_total', 'Events applied to a read model'] as const;
const DEAD_LETTERED = ['vigil_projection_dead_letters_total', 'Messages a projection sent to the dead letters'] as const;
const FAILURES = [
  'vigil_projection_failures_total',
  'Failed attempts to apply a batch, by reason (transient: the database or Kafka unavailable, waited for; permanent: retried, then its poison events dead-lettered)',
] as const;
const STUCK = [
  'vigil_projection_stuck_partitions',
  'Partitions where a projection is retrying a failed batch and does not advance',
] as const;
const COUNTERS = [APPLIED, DEAD_LETTERED];
const FAILURE_KINDS: readonly FailureKind[] = ['transient', 'permanent'];

/**
 * Runs one projection: its kafkajs consumer (group `<namespace>.projector.<name>`, so instances
 * split the partitions) hands each batch to the `BatchProcessor`, and the offsets are committed
 * only once the batch's transaction committed. A crash in between redelivers the batch; the
 * per-stream revision guard makes that harmless.
 */
export class ProjectionRunner {
  readonly status = new RunnerStatus();
  private consumer: Consumer | null = null;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly processor: BatchProcessor;
  private readonly turns: TurnBatcher<FetchedBatch, BatchOutcome | null>;
  private stopping = false;
  private starting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private readonly stopRebuild = new AbortController();

  constructor(
    readonly projection: Projection,
    private readonly kafka: Kafka,
    private readonly pool: Pool,
    private readonly options: ProjectionRunnerOptions,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {
    this.deadLetters = new DeadLetterPublisher(kafka, options.namespace, projection.name);
    this.processor = new BatchProcessor(pool, projection, this.deadLetters, logger);
    this.turns = new TurnBatcher((parts) => this.applyTurn(parts));
    // Scraped from the start at 0, so an alert on their increase sees the first one.
    for (const [name, help] of COUNTERS) metrics.counter(name, help, ['projection']).inc({ projection: projection.name }, 0);
    for (const reason of FAILURE_KINDS)
      metrics.counter(...FAILURES, ['projection', 'reason']).inc({ projection: projection.name, reason }, 0);
    metrics.gauge(...STUCK, ['projection']).set({ projection: projection.name }, 0);
  }

  /** Resolves once the consumer runs; a failure is reported in the status and retried in the background. */
  start(): Promise<void> {
    this.starting ??= this.tryStart();
    return this.starting;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopRebuild.abort();
    if (this.retry) clearTimeout(this.retry);
    await this.starting;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.deadLetters.disconnect();
    this.status.stopped();
  }

  private async tryStart(): Promise<void> {
    try {
      await this.prepare();
      await this.ensureTopics();
      await this.runConsumer();
    } catch (error) {
      this.status.failed(error);
      this.logger.error({ err: error, projection: this.projection.name }, 'projection runner could not start; retrying');
      await this.consumer?.disconnect().catch(() => undefined);
      this.consumer = null;
      if (!this.stopping) this.retry = setTimeout(() => (this.starting = this.tryStart()), RETRY_MS);
    }
  }

  private async prepare(): Promise<void> {
    try {
      await prepareProjection(this.pool, this.projection);
    } catch (error) {
      if (!(error instanceof RebuildRequiredError) || !this.options.store) throw error;
      await this.rebuildForThisCode(this.options.store, error.message);
      await prepareProjection(this.pool, this.projection);
    }
  }

  /** A new code version of the projection: a version of its own from the event store, then the switch. */
  private async rebuildForThisCode(store: EventStore, why: string): Promise<void> {
    const name = this.projection.name;
    this.status.rebuilding(why);
    this.logger.warn({ projection: name }, `${why}: rebuilding it from the event store now`);
    let logged = 0;
    await rebuildProjections({
      pool: this.pool,
      store,
      projections: [this.projection],
      signal: this.stopRebuild.signal,
      onProgress: ({ phase, position, head }) => {
        if (Date.now() - logged < 5_000 && phase === 'reading') return;
        logged = Date.now();
        this.status.rebuilding(`rebuilding from the event store: ${phase} at ${position} of ${head}`);
        this.logger.info({ projection: name, phase, position: String(position), head: String(head) }, 'projection rebuild');
      },
    });
    this.logger.info({ projection: name }, 'projection rebuilt for this code version; consuming');
  }

  private stuckCount(): number {
    return this.options.stuckCount?.() ?? this.status.stuckCount;
  }

  private get groupId(): string {
    return consumerGroup(this.options.namespace, `projector.${this.projection.name}`);
  }

  private get topics(): string[] {
    return this.projection.categories.map((category) => topicOf(this.options.namespace, category));
  }

  private async ensureTopics(): Promise<void> {
    await ensureTopicsExist(this.kafka, [...this.topics, deadLetterTopic(this.options.namespace)], this.options.partitions);
  }

  private async runConsumer(): Promise<void> {
    if (this.stopping) return;
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 500,
      // Larger batches from a backlog (a read model's statements cost per batch as much as per event),
      // bounded per fetch: a turn of every partition holds at most 4 MiB of messages (measured at 300k
      // events: the same speed as 4 MiB per partition, 726 MiB peak RSS instead of 1,000).
      // Split between a projection's consumers, so that several hold no more than one would.
      maxBytesPerPartition: 1024 * 1024,
      maxBytes: Math.floor((4 * 1024 * 1024) / (this.options.consumers ?? 1)),
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const partitions = Object.values(payload.memberAssignment).reduce((sum, assigned) => sum + assigned.length, 0);
      this.status.running(partitions);
      this.logger.info(
        { projection: this.projection.name, assignment: payload.memberAssignment, isLeader: payload.isLeader },
        'projection consumer joined its group',
      );
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.status.failed(payload.error);
      this.logger.error({ err: payload.error, projection: this.projection.name, restart: payload.restart }, 'consumer crashed');
      // kafkajs restarts only after retriable errors; after any other the projection would stop for good.
      if (!payload.restart && !this.stopping) {
        void consumer.disconnect().catch(() => undefined);
        this.consumer = null;
        this.retry = setTimeout(() => (this.starting = this.tryStart()), RETRY_MS);
      }
    });
    await consumer.connect();
    // A new group reads its topics from the start: nothing published before it joined is lost.
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? this.topics.length * this.options.partitions,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) {
    if (batch.messages.length === 0 || !isRunning() || isStale()) return;
    const nextOffset = (BigInt(batch.lastOffset()) + 1n).toString();
    const payload = { batch, heartbeat, isRunning, isStale };
    const outcome = await this.turns.submit({
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.messages,
      nextOffset,
      payload,
    });
    // Given up (stopping, or a partition of the turn went to another consumer): not resolved, read again.
    if (outcome === null) return;
    resolveOffset(batch.lastOffset());
    await heartbeat();

    const lag = Number(batch.offsetLag());
    this.status.lagMeasured(batch.topic, batch.partition, lag);
    this.metrics
      .gauge('vigil_projection_lag_messages', 'Messages of a partition not yet applied by a projection', [
        'projection',
        'topic',
        'partition',
      ])
      .set({ projection: this.projection.name, topic: batch.topic, partition: String(batch.partition) }, lag);
  }

  /** The partition batches of one turn: one transaction (retried while it fails), then their offsets in one commit. */
  private async applyTurn(parts: FetchedBatch[]): Promise<BatchOutcome | null> {
    const labels = { projection: this.projection.name };
    const outcome = await this.processWithRetries(parts).finally(() => {
      // Committed, given up, or the partitions are being taken away (the heartbeat threw): not stuck here any more.
      for (const { topic, partition } of parts) this.status.advanced(topic, partition);
      this.metrics.gauge(...STUCK, ['projection']).set(labels, this.stuckCount());
    });
    if (outcome === null) return null;
    // Counted once the read model committed them, whatever becomes of the offsets' commit.
    this.metrics.counter(...APPLIED, ['projection']).inc(labels, outcome.applied);
    if (outcome.deadLettered > 0) this.metrics.counter(...DEAD_LETTERED, ['projection']).inc(labels, outcome.deadLettered);
    await this.consumer!.commitOffsets(
      parts.map(({ topic, partition, nextOffset }) => ({ topic, partition, offset: nextOffset })),
    );
    return outcome;
  }

  /**
   * The turn into the read model, tried again while it fails: an outage is waited for, anything
   * else retried a few times, then its poison events are set aside (`withBatchRetries`). Meanwhile its
   * partitions are reported stuck in readiness and counted in the metrics. Null when given up.
   */
  private processWithRetries(parts: FetchedBatch[]) {
    const target = { projection: this.projection.name, group: this.groupId };
    const labels = { projection: this.projection.name };
    return withBatchRetries(
      (isolateFailures) => withApplySpans(target, parts, () => this.processor.process(parts, { isolateFailures })),
      this.options.retry ?? DEFAULT_BATCH_RETRY,
      {
        onFailure: (error, kind, failures) => {
          for (const { topic, partition, payload } of parts) {
            this.status.stuck(topic, partition, `${kind}: ${describeDatabaseError(error)}`);
            this.status.lagMeasured(topic, partition, Number(payload.batch.highWatermark) - Number(payload.batch.firstOffset()));
          }
          this.metrics.counter(...FAILURES, ['projection', 'reason']).inc({ ...labels, reason: kind });
          this.metrics.gauge(...STUCK, ['projection']).set(labels, this.stuckCount());
          const where = parts.map(({ topic, partition }) => `${topic}/${partition}`);
          this.logger.warn(
            { err: error, ...labels, partitions: where, kind, failures },
            kind === 'transient' ? 'batch failed; waiting for the database or Kafka' : 'batch failed; retrying it',
          );
        },
        goOn: async () => {
          if (this.stopping) return false;
          if (parts.some(({ payload }) => !payload.isRunning() || payload.isStale())) return false;
          await parts[0]!.payload.heartbeat();
          return true;
        },
      },
    );
  }
}
