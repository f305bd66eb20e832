import type { HealthReport } from '@vigil/platform';

type State = 'starting' | 'rebuilding' | 'running' | 'failed' | 'stopped';

/** What `/health/ready` says about one projection's consumer. */
export class RunnerStatus {
  private state: State = 'starting';
  private reason: string | undefined = 'not joined its consumer group yet';
  private partitions = 0;
  private readonly lagByPartition = new Map<string, number>();

  /** Joined the group with `partitions` partitions assigned (0 is legitimate with more instances than partitions). */
  running(partitions: number): void {
    this.state = 'running';
    this.reason = undefined;
    this.partitions = partitions;
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

  get isRunning(): boolean {
    return this.state === 'running';
  }

  report(): HealthReport {
    const lag = [...this.lagByPartition.values()].reduce((sum, value) => sum + value, 0);
    return this.state === 'running'
      ? { status: 'up', details: { state: this.state, partitions: this.partitions, lagMessages: lag } }
      : { status: 'down', reason: this.reason ?? this.state, details: { state: this.state } };
  }
}
