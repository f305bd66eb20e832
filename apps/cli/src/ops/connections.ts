import { type EventStore, KurrentDbEventStore, PostgresEventStore } from '@vigil/event-store';
import { createKafka, FAIL_FAST_RETRY } from '@vigil/messaging';
import { createLogger, guardPool, vigilPoolConfig, type VigilConfig } from '@vigil/platform';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';

export function openPool(config: VigilConfig, max = 4): Pool {
  return guardPool(new Pool(vigilPoolConfig(config.DATABASE_URL, max, 'vigil-cli')));
}

/** Short retries: an operator waiting on a dead broker should get the reason within seconds, not a minute. */
export function openKafka(config: VigilConfig): Kafka {
  return createKafka(
    config.KAFKA_BROKERS,
    `${config.VIGIL_NAMESPACE}-vigil-cli`,
    createLogger(config.LOG_LEVEL === 'info' ? 'error' : config.LOG_LEVEL, { toStderr: true }).child({ context: 'kafkajs' }),
    { retry: FAIL_FAST_RETRY, connectionTimeout: 3_000 },
  );
}

/** The configured event store (VIGIL_EVENT_STORE), as the services choose it. */
export function openEventStore(config: VigilConfig, pool: Pool): EventStore {
  return config.VIGIL_EVENT_STORE === 'kurrentdb'
    ? KurrentDbEventStore.fromConnectionString(config.KURRENTDB_URL!)
    : new PostgresEventStore(pool);
}
