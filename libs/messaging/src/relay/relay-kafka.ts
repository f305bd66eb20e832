import { createKafka, FAIL_FAST_RETRY } from '../kafka/kafka-client';
import { createLogger, type VigilConfig } from '@vigil/platform';
import type { Kafka } from 'kafkajs';

export const RELAY_KAFKA = Symbol('RELAY_KAFKA');

/**
 * The relay's own kafkajs client, with short retries: with the shared client's (8 retries,
 * about a minute against a dead broker) an outage would stay invisible to readiness that long.
 * The relay retries with its own back-off instead and says why in `/health/ready`.
 * (kafkajs then warns once per producer that limited retries void its exactly-once guarantee:
 * the relay promises at least once, and consumers de-duplicate by stream revision.)
 */
export function createRelayKafka(config: VigilConfig): Kafka {
  return createKafka(
    config.KAFKA_BROKERS,
    `${config.VIGIL_NAMESPACE}-vigil-relay`,
    createLogger(config.LOG_LEVEL).child({ context: 'kafkajs' }),
    { retry: FAIL_FAST_RETRY },
  );
}
