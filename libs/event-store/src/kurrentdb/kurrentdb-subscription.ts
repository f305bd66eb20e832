import type { AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import type { StoredEvent } from '@vigil/contract';
import type { SubscribeOptions, Subscription } from '../event-store.port';
import { isVigilEvent, toStoredEvent } from './event-mapping';

/** What `client.subscribeToAll` returns (a readable stream in object mode), as far as this class uses it. */
export interface SubscriptionSource {
  read(): unknown;
  on(event: 'readable' | 'end' | 'error', listener: (...args: never[]) => void): unknown;
  removeAllListeners(event: string): unknown;
  destroy(): unknown;
  unsubscribe(): Promise<void>;
}

/** Opens a subscription to `$all` from `after` (it may or may not repeat the event at `after`). */
export type OpenSubscription = (after: bigint, highWaterMark: number) => SubscriptionSource;

const DEFAULT_BATCH_SIZE = 1_000;
const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

/**
 * A catch-up subscription to `$all` handing the handler ordered batches: whatever arrived while
 * the handler was busy, up to `batchSize`. On a read or handler error it reports through
 * `onError`, waits (100 ms doubling to 5 s) and subscribes again after the last handled position,
 * so a failed batch is delivered again.
 */
export class KurrentDbSubscription implements Subscription {
  private stopped = false;
  private after: bigint;
  private backoffMs = MIN_BACKOFF_MS;
  private readonly batchSize: number;
  /** Ends the current `follow`, once the handler in flight (if any) has returned. */
  private endFollow: (() => void) | null = null;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly open: OpenSubscription,
    private readonly options: SubscribeOptions,
  ) {
    this.after = options.after;
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.endFollow?.();
    await this.done;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
      } catch (error) {
        if (this.stopped) break;
        this.options.onError?.(error);
        await this.sleep(this.backoffMs);
        this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** Consumes one server subscription until it fails, ends, or the subscription is stopped. */
  private follow(): Promise<void> {
    const source = this.open(this.after, this.batchSize);
    return new Promise<void>((resolve, reject) => {
      let busy = false;
      let settled = false;
      let failure: { error: unknown } | null = null;

      const settle = () => {
        if (settled || busy) return;
        settled = true;
        this.endFollow = null;
        source.removeAllListeners('readable');
        source.removeAllListeners('end');
        // A late error must not go unheard (an unheard 'error' would crash the process).
        source.removeAllListeners('error');
        source.on('error', () => undefined);
        void source
          .unsubscribe()
          .catch(() => undefined)
          .finally(() => source.destroy());
        if (failure && !this.stopped) reject(failure.error);
        else resolve();
      };
      const fail = (error: unknown) => {
        failure ??= { error };
        settle();
      };
      const pump = async () => {
        if (busy || settled) return;
        busy = true;
        try {
          for (let batch = this.take(source); batch && !this.stopped && !failure; batch = this.take(source)) {
            if (batch.length === 0) continue;
            await this.options.handle(batch);
            this.after = batch[batch.length - 1]!.position;
            this.backoffMs = MIN_BACKOFF_MS;
          }
        } catch (error) {
          failure ??= { error };
        } finally {
          busy = false;
        }
        if (failure || this.stopped) settle();
      };

      this.endFollow = settle;
      source.on('readable', () => void pump());
      source.on('error', fail);
      source.on('end', () => fail(new Error('the KurrentDB subscription ended')));
    });
  }

  /** The events buffered now, up to a batch, past the last handled position; null when none are. */
  private take(source: SubscriptionSource): StoredEvent[] | null {
    const batch: StoredEvent[] = [];
    let cursor = this.after;
    let readAny = false;
    while (batch.length < this.batchSize) {
      const resolved = source.read() as AllStreamResolvedEvent | null;
      if (resolved === null) break;
      readAny = true;
      const recorded = resolved.event;
      if (!recorded || !isVigilEvent(recorded)) continue;
      const stored = toStoredEvent(recorded);
      if (stored.position <= cursor) continue;
      batch.push(stored);
      cursor = stored.position;
    }
    return readAny ? batch : null;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = finish;
    });
  }
}
