import type { HealthReport } from '@vigil/platform';

type State = 'starting' | 'rebuilding' | 'running' | 'failed' | 'stopped';

/** What `/health/ready` says about one projection's consumer. */
export class RunnerStatus {
  private state: State = 'starting';
  private reason: string | undefined = 'not joined its consumer group yet';
  private partitions = 0;
  private readonly lagByPartition = new Map<string, number>();
  /** Partitions whose batch keeps failing: why, since when, how many times. */
  private readonly stuckPartitions = new Map<string, { reason: string; since: number; failures: number }>();

  /** Joined the group with `partitions` partitions assigned (0 is legitimate with more instances than partitions). */
  running(partitions: number): void {
    this.state = 'running';
    this.reason = undefined;
    this.partitions = partitions;
    this.stuckPartitions.clear();
  }

  failed(error: unknown): void {
    this.state = 'failed';
    this.reason = error instanceof Error ? error.message : String(error);
  }

  /** Building a version for this code from the event store before consuming (its live one was built by other code). */
  rebuilding(reason: string): void {
    this.state = 'rebuilding';
    this.reason = reason;
  }

  stopped(): void {
    this.state = 'stopped';
    this.reason = 'stopped';
  }

  lagMeasured(topic: string, partition: number, lag: number): void {
    this.lagByPartition.set(`${topic}/${partition}`, lag);
  }

  /** A batch of the partition failed and will be tried again: the projection does not advance there. */
  stuck(topic: string, partition: number, reason: string, now = Date.now()): void {
    const key = `${topic}/${partition}`;
    const known = this.stuckPartitions.get(key);
    this.stuckPartitions.set(key, { reason, since: known?.since ?? now, failures: (known?.failures ?? 0) + 1 });
  }

  /** The partition's batch committed (or was given up to another consumer). */
  advanced(topic: string, partition: number): void {
    this.stuckPartitions.delete(`${topic}/${partition}`);
  }

  get stuckCount(): number {
    return this.stuckPartitions.size;
  }

  get isRunning(): boolean {
    return this.state === 'running';
  }

  report(): HealthReport {
    const lag = [...this.lagByPartition.values()].reduce((sum, value) => sum + value, 0);
    if (this.state !== 'running') return { status: 'down', reason: this.reason ?? this.state, details: { state: this.state } };
    const details = { state: this.state, partitions: this.partitions, lagMessages: lag };
    if (this.stuckPartitions.size === 0) return { status: 'up', details };
    const now = Date.now();
    const stuck = [...this.stuckPartitions].map(([partition, { reason, since, failures }]) => ({
      partition,
      reason,
      failures,
      forSeconds: Math.round((now - since) / 1000),
    }));
    const reason = stuck
      .map((s) => `stuck at ${s.partition} for ${s.forSeconds} s after ${s.failures} failed attempts (lag ${lag}): ${s.reason}`)
      .join('; ');
    return { status: 'down', reason, details: { ...details, stuck } };
  }
}
