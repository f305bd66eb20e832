import { Client, type Pool } from 'pg';
import type { ReadPage, SubscribeOptions, Subscription } from '../event-store.port';

const IDLE_POLL_MS = 1_000;
const MAX_BACKOFF_MS = 5_000;

/** `readAll`, or another rendering of the same page of the log. */
export type PageReader<E> = (after: bigint, limit: number) => Promise<ReadPage<E>>;

/**
 * Catch-up subscription: reads pages from the log; at the head it waits for a NOTIFY from an
 * append (low latency) or, should a notification be lost, a short poll. Behind the head, it reads
 * the next page while the handler works on the current one.
 */
export class PostgresSubscription<E> implements Subscription {
  private stopped = false;
  private wake: (() => void) | null = null;
  /** A notification that came after the last read began: the next wait returns at once. */
  private notified = false;
  private listener: Client | null = null;
  private readonly done: Promise<void>;

  private constructor(
    private readonly readPage: PageReader<E>,
    private readonly pool: Pool,
    private readonly options: SubscribeOptions<E>,
  ) {
    this.done = this.run();
  }

  static start<E>(readPage: PageReader<E>, pool: Pool, options: SubscribeOptions<E>): PostgresSubscription<E> {
    return new PostgresSubscription(readPage, pool, options);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    let after = this.options.after;
    let backoff = 100;
    let next: Promise<ReadPage<E>> | null = null;
    while (!this.stopped) {
      try {
        await this.ensureListening();
        const page: ReadPage<E> = await (next ?? this.read(after));
        next = page.isEnd ? null : this.read(page.nextPosition);
        if (page.events.length > 0 && !this.stopped) {
          await this.options.handle(page.events);
          after = page.nextPosition;
        }
        backoff = 100;
        if (page.isEnd) await this.waitForAppend(IDLE_POLL_MS);
      } catch (error) {
        next = null; // it follows a page not handled: read again from `after`
        this.options.onError?.(error);
        await this.dropListener();
        await this.waitForAppend(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
    await next?.catch(() => undefined);
    await this.dropListener();
  }

  private read(after: bigint): Promise<ReadPage<E>> {
    this.notified = false;
    const page = this.readPage(after, this.options.batchSize ?? 1_000);
    page.catch(() => undefined); // a read ahead may be dropped unawaited; its failure is then nobody's
    return page;
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
    // A lost connection must not crash the process: the listener is dropped and made again on the next loop.
    client.on('error', () => void this.dropListener());
    try {
      await client.connect();
      await client.query('LISTEN vigil_events');
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
  }

  private async dropListener(): Promise<void> {
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }
}
