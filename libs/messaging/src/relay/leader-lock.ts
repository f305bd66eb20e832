import { Client, type ClientConfig } from 'pg';
import { interruptibleDelay } from './interruptible-delay';

/** Held while this process is the namespace's relay. */
export interface Leadership {
  /** The session holding the lock: a write made on it cannot succeed once the lock is gone. */
  readonly connection: Client;
  /** Settles with the reason when the lock's connection dies. */
  readonly lost: Promise<Error>;
  readonly held: boolean;
  release(): Promise<void>;
}

export interface LeaderLockEvents {
  /** Another relay holds the lock; this one keeps trying. */
  onStandby(): void;
  onError(error: unknown): void;
}

const HEARTBEAT_MS = 2_000;
const QUERY_TIMEOUT_MS = 5_000;

/**
 * Leader election by a PostgreSQL session-level advisory lock on a dedicated connection.
 * PostgreSQL frees the lock when the session ends, so a standby takes over when the leader's
 * process or connection dies; the leader's heartbeat notices a dead connection on its side.
 */
export class LeaderLock {
  private stopped = false;
  private wakeUp!: () => void;
  private readonly stopRequested = new Promise<void>((resolve) => (this.wakeUp = resolve));

  constructor(
    private readonly connectionConfig: ClientConfig,
    private readonly key: bigint,
    private readonly retryMs: number,
    private readonly events: LeaderLockEvents,
  ) {}

  /** Resolves once this process holds the lock, or with null when stopped first. */
  async acquire(): Promise<Leadership | null> {
    let client: Client | null = null;
    while (!this.stopped) {
      try {
        client ??= await this.connect();
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
          this.key.toString(),
        ]);
        if (rows[0]!.locked) return this.lead(client);
        this.events.onStandby();
      } catch (error) {
        this.events.onError(error);
        await client?.end().catch(() => undefined);
        client = null;
      }
      await interruptibleDelay(this.retryMs, this.stopRequested);
    }
    await client?.end().catch(() => undefined);
    return null;
  }

  /** Ends a pending `acquire`; a held lock is released by its holder. */
  stop(): void {
    this.stopped = true;
    this.wakeUp();
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      ...this.connectionConfig,
      application_name: 'vigil-relay-lock',
      keepAlive: true,
      connectionTimeoutMillis: QUERY_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    // Without a listener a dropped connection would crash the process; the next query reports it.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private lead(client: Client): Leadership {
    let held = true;
    let markLost!: (reason: Error) => void;
    const lost = new Promise<Error>((resolve) => {
      markLost = (reason) => {
        if (!held) return;
        held = false;
        clearInterval(heartbeat);
        resolve(reason);
      };
    });
    const heartbeat = setInterval(() => {
      client.query('SELECT 1').catch((error: Error) => markLost(new Error(`leader lock connection failed: ${error.message}`)));
    }, HEARTBEAT_MS);
    client.on('error', (error) => markLost(new Error(`leader lock connection failed: ${error.message}`)));
    client.on('end', () => markLost(new Error('leader lock connection closed')));
    return {
      connection: client,
      lost,
      get held() {
        return held;
      },
      release: async () => {
        held = false;
        clearInterval(heartbeat);
        // Ending the session frees the lock anyway; unlocking first frees it even if ending is slow.
        await client.query('SELECT pg_advisory_unlock($1)', [this.key.toString()]).catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  }
}
