import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type SerializedEvent, subscribeSerialized } from '@vigil/event-store';
import { createLogger, HealthRegistry, type Logger, Metrics, PG_POOL, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { CheckpointStore } from './checkpoint-store';
import { EventPublisher } from './event-publisher';
import { interruptibleDelay } from './interruptible-delay';
import { LeaderLock, type Leadership } from './leader-lock';
import { RELAY_KAFKA } from './relay-kafka';
import { measureLag } from './relay-lag';
import { relayLockKey } from './relay-lock-key';
import { RELAY_OPTIONS, type ResolvedRelayOptions } from './relay-options';
import { RelayStatus } from './relay-status';

const LAG_SAMPLE_MS = 1_000;
const MAX_BACKOFF_MS = 5_000;

/**
 * Follows the event store's global log from a stored checkpoint and publishes every event to
 * `<namespace>.<category>.v1`. Only the holder of the namespace's leader lock publishes.
 *
 * At least once: the checkpoint moves only after Kafka acknowledged the page, so a crash at any
 * point loses nothing but may publish a page again (also a relay that just lost its lock may
 * finish the page it was sending). Consumers de-duplicate by stream revision: they skip any
 * event whose revision is not above the last one they applied for that stream.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly status: RelayStatus;
  private readonly publisher: EventPublisher;
  private readonly lock: LeaderLock;
  private readonly standbyCheckpoints: CheckpointStore;
  private stopping = false;
  private requestStop!: () => void;
  private readonly stopRequested = new Promise<void>((resolve) => (this.requestStop = resolve));
  private running: Promise<void> | null = null;
  private lagTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) pool: Pool,
    @Inject(RELAY_KAFKA) kafka: Kafka,
    @Inject(VIGIL_CONFIG) config: VigilConfig,
    @Inject(RELAY_OPTIONS) private readonly options: ResolvedRelayOptions,
    private readonly health: HealthRegistry,
    metrics: Metrics,
  ) {
    this.logger = createLogger(config.LOG_LEVEL).child({ context: 'relay' });
    this.status = new RelayStatus(metrics);
    this.publisher = new EventPublisher(kafka, config.VIGIL_NAMESPACE, config.KAFKA_TOPIC_PARTITIONS);
    this.standbyCheckpoints = new CheckpointStore(pool);
    this.lock = new LeaderLock(pool.options, relayLockKey(config.VIGIL_NAMESPACE), options.lockRetryMs, {
      onStandby: () => this.status.standing(),
      onError: (error) => {
        this.status.failed(error);
        this.logger.warn({ err: error }, 'cannot reach PostgreSQL for the leader lock; retrying');
      },
    });
  }

  /** Start-up does not wait for the lock or for Kafka: the relay runs in the background. */
  onApplicationBootstrap(): void {
    this.health.register('relay', async () => {
      await this.sampleLag();
      return this.status.report();
    });
    this.running = this.run();
    this.lagTimer = setInterval(() => void this.sampleLag().catch(() => undefined), LAG_SAMPLE_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.requestStop();
    this.lock.stop();
    if (this.lagTimer) clearInterval(this.lagTimer);
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const leadership = await this.lock.acquire();
      if (!leadership) return;
      if (this.stopping) return leadership.release();
      try {
        await this.lead(leadership);
      } catch (error) {
        this.status.failed(error);
        this.logger.error({ err: error }, 'relay stopped leading');
      } finally {
        this.status.steppedDown();
        await this.publisher.disconnect();
        await leadership.release();
      }
      await interruptibleDelay(this.options.lockRetryMs, this.stopRequested);
    }
  }

  /** Publishes until the lock is lost or the app shuts down. */
  private async lead(leadership: Leadership): Promise<void> {
    const checkpoints = new CheckpointStore(leadership.connection);
    // A checkpoint write lost in a database crash only means republishing a few pages (at least
    // once), so each page need not wait for its WAL flush.
    await leadership.connection.query('SET synchronous_commit TO off');
    const after = await checkpoints.loadOrCreate(this.options.checkpointName, () => this.initialPosition());
    this.status.becameLeader(after);
    this.logger.info({ checkpoint: after.toString() }, 'relay is the leader; publishing from the checkpoint');
    if (!(await this.connectToKafka(leadership))) return;

    const subscription = subscribeSerialized(this.store, {
      after,
      batchSize: this.options.pageSize,
      handle: (events) => this.publishPage(events, checkpoints, leadership),
      onError: (error) => {
        this.status.failed(error);
        this.logger.warn({ err: error }, 'publishing failed; retrying with back-off');
      },
    });
    const lost = await Promise.race([leadership.lost, this.stopRequested.then(() => null)]);
    if (lost) {
      this.status.failed(lost);
      this.logger.error({ err: lost }, 'lost the leader lock; stopped publishing');
    }
    await subscription.stop();
  }

  private async connectToKafka(leadership: Leadership): Promise<boolean> {
    let backoff = 200;
    while (!this.stopping && leadership.held) {
      try {
        await this.publisher.connect();
        this.status.connectedToKafka();
        return true;
      } catch (error) {
        this.status.failed(error);
        this.logger.warn({ err: error, retryInMs: backoff }, 'Kafka not reachable; retrying');
        await interruptibleDelay(backoff, this.stopRequested, leadership.lost);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
    return false;
  }

  /** Kafka first, then the checkpoint, written on the lock's own session so a deposed relay cannot move it. */
  private async publishPage(events: SerializedEvent[], checkpoints: CheckpointStore, leadership: Leadership): Promise<void> {
    if (!leadership.held || this.stopping) throw new Error('no longer the leader; not publishing');
    await this.publisher.publish(events);
    const last = events[events.length - 1]!.position;
    await checkpoints.save(this.options.checkpointName, last);
    this.status.published(events.length, last);
    if (this.logger.isLevelEnabled('debug')) {
      for (const { eventId, correlationId, streamId, position } of events) {
        this.logger.debug({ eventId, correlationId, streamId, position: String(position) }, 'event published');
      }
    }
  }

  private async initialPosition(): Promise<bigint> {
    const initial = this.options.initialPosition;
    return initial === 'head' ? this.store.headPosition() : initial;
  }

  /** A standby reports the lag of the namespace's leader, read from the shared checkpoint. */
  private async sampleLag(): Promise<void> {
    const checkpoint = this.status.isLeader
      ? this.status.currentCheckpoint
      : await this.standbyCheckpoints.load(this.options.checkpointName);
    if (checkpoint === null) return;
    this.status.lagMeasured(checkpoint, await measureLag(this.store, checkpoint, new Date()));
  }
}
