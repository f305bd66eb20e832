import type { HealthReport, Metrics } from '@vigil/platform';
import type { Counter, Gauge } from 'prom-client';
import type { RelayLag } from './relay-lag';

/** What the relay is doing, for `/health/ready` (check `relay`) and Prometheus. */
export class RelayStatus {
  private leader = false;
  private kafkaConnected = false;
  private checkpoint: bigint | null = null;
  private lag: RelayLag | null = null;
  private lastError: string | null = null;
  private readonly lagEvents: Gauge;
  private readonly lagSeconds: Gauge;
  private readonly leaderGauge: Gauge;
  private readonly publishedTotal: Counter;

  constructor(metrics: Metrics) {
    this.lagEvents = metrics.gauge('vigil_relay_lag_events', 'Events in the event store not yet published to Kafka');
    this.lagSeconds = metrics.gauge(
      'vigil_relay_lag_seconds',
      'Age of the oldest event not yet published to Kafka (0 when caught up)',
    );
    this.leaderGauge = metrics.gauge('vigil_relay_leader', '1 when this process is the relay that publishes, 0 on a standby');
    this.publishedTotal = metrics.counter('vigil_relay_published_total', 'Events published to Kafka and acknowledged');
  }

  get isLeader(): boolean {
    return this.leader;
  }

  get currentCheckpoint(): bigint | null {
    return this.checkpoint;
  }

  becameLeader(checkpoint: bigint): void {
    this.leader = true;
    this.checkpoint = checkpoint;
    this.leaderGauge.set(1);
  }

  steppedDown(): void {
    this.leader = false;
    this.kafkaConnected = false;
    this.leaderGauge.set(0);
  }

  standing(): void {
    this.lastError = null;
  }

  connectedToKafka(): void {
    this.kafkaConnected = true;
    this.lastError = null;
  }

  published(count: number, checkpoint: bigint): void {
    this.checkpoint = checkpoint;
    this.kafkaConnected = true;
    this.lastError = null;
    this.publishedTotal.inc(count);
  }

  failed(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
  }

  lagMeasured(checkpoint: bigint, lag: RelayLag): void {
    if (!this.leader) this.checkpoint = checkpoint;
    this.lag = lag;
    this.lagEvents.set(lag.lagEvents);
    this.lagSeconds.set(lag.lagSeconds);
  }

  /** Down while the last attempt failed, or while the leader has no Kafka connection yet; a standby is ready. */
  report(): HealthReport {
    const details = {
      leader: this.leader,
      checkpoint: this.checkpoint?.toString() ?? null,
      head: this.lag?.head.toString() ?? null,
      lagEvents: this.lag?.lagEvents ?? null,
      lagSeconds: this.lag?.lagSeconds ?? null,
      lastError: this.lastError,
    };
    if (this.lastError) return { status: 'down', reason: this.lastError, details };
    if (this.leader && !this.kafkaConnected) return { status: 'down', reason: 'connecting to Kafka', details };
    return { status: 'up', details };
  }
}
