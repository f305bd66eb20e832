import type { EventEnvelope } from '@vigil/contract';

interface Batch {
  readonly source: string;
  readonly events: EventEnvelope[];
}

export interface LaneOptions {
  readonly batchSize: number;
  /** Requests in flight at once; never two of the same source. */
  readonly concurrency: number;
  /** Full batches waiting before `add` makes the producer wait. */
  readonly maxWaiting: number;
}

/**
 * Posts events as the upstream systems of a country would: each system (a province's police, the
 * ministry's registers) sends its own events in order, one batch at a time, while different
 * systems post concurrently. So a case's events never overtake its CaseOpened, yet the service
 * sees several requests at once.
 */
export class UpstreamLanes {
  private readonly filling = new Map<string, EventEnvelope[]>();
  private readonly waiting: Batch[] = [];
  private readonly busy = new Set<string>();
  private failure: unknown;
  private wake: (() => void) | undefined;

  constructor(
    private readonly post: (events: EventEnvelope[]) => Promise<void>,
    private readonly options: LaneOptions,
  ) {}

  async add(event: EventEnvelope, source: string): Promise<void> {
    const batch = this.filling.get(source) ?? [];
    batch.push(event);
    this.filling.set(source, batch);
    if (batch.length === this.options.batchSize) {
      this.filling.delete(source);
      this.waiting.push({ source, events: batch });
      this.pump();
    }
    while (this.waiting.length >= this.options.maxWaiting && this.failure === undefined) await this.changed();
    this.throwIfFailed();
  }

  /** Sends the partly filled batches too and resolves when every batch has been answered. */
  async drain(): Promise<void> {
    for (const [source, events] of this.filling) this.waiting.push({ source, events });
    this.filling.clear();
    this.pump();
    while ((this.waiting.length > 0 || this.busy.size > 0) && this.failure === undefined) await this.changed();
    this.throwIfFailed();
  }

  private pump(): void {
    while (this.busy.size < this.options.concurrency && this.failure === undefined) {
      const next = this.waiting.findIndex((batch) => !this.busy.has(batch.source));
      if (next === -1) return;
      const [batch] = this.waiting.splice(next, 1) as [Batch];
      this.busy.add(batch.source);
      this.post(batch.events).then(
        () => this.settle(batch.source),
        (error: unknown) => {
          this.failure ??= error;
          this.settle(batch.source);
        },
      );
    }
  }

  private settle(source: string): void {
    this.busy.delete(source);
    this.pump();
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => {
      const previous = this.wake;
      this.wake = () => {
        previous?.();
        resolve();
      };
    });
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
