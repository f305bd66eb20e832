import { Client, type Pool } from 'pg';
import type { EventStore, SubscribeOptions, Subscription } from '../event-store.port';

const IDLE_POLL_MS = 1_000;
const MAX_BACKOFF_MS = 5_000;

/**
 * Catch-up subscription: reads pages from the log; at the head it waits for a NOTIFY from an
 * append (low latency) or, should a notification be lost, a short poll.
 */
export class PostgresSubscription implements Subscription {
  private stopped = false;
  private wake: (() => void) | null = null;
  /** A notification that came while we were reading: the next wait returns at once. */
  private notified = false;
  private listener: Client | null = null;
  private readonly done: Promise<void>;

  private constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly options: SubscribeOptions,
  ) {
    this.done = this.run();
  }

  static start(store: EventStore, pool: Pool, options: SubscribeOptions): PostgresSubscription {
    return new PostgresSubscription(store, pool, options);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    let after = this.options.after;
    let backoff = 100;
    const batchSize = this.options.batchSize ?? 1_000;
    while (!this.stopped) {
      try {
        await this.ensureListening();
        this.notified = false;
        const page = await this.store.readAll(after, batchSize);
        if (page.events.length > 0 && !this.stopped) {
          await this.options.handle(page.events);
          after = page.nextPosition;
        }
        backoff = 100;
        if (page.isEnd) await this.waitForAppend(IDLE_POLL_MS);
      } catch (error) {
        this.options.onError?.(error);
        await this.dropListener();
        await this.waitForAppend(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
    await this.dropListener();
  }

  private waitForAppend(timeoutMs: number): Promise<void> {
    if (this.stopped || this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.wake = finish;
    });
  }

  /** A dedicated connection for LISTEN, with the pool's connection settings. */
  private async ensureListening(): Promise<void> {
    if (this.listener) return;
    const client = new Client(this.pool.options);
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    client.on('error', () => void this.dropListener());
    await client.connect();
    await client.query('LISTEN vigil_events');
    this.listener = client;
  }

  private async dropListener(): Promise<void> {
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }
}
