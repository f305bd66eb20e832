import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import type { Logger } from 'pino';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Retries for a client that must tell quickly that Kafka is down (the relay's readiness, an
 * operator's command) rather than retry for about a minute as the shared client does.
 */
export const FAIL_FAST_RETRY: KafkaConfig['retry'] = { initialRetryTime: 200, maxRetryTime: 2_000, retries: 3 };

/** A kafkajs client whose own logs go to pino as structured lines. */
export function createKafka(brokers: string, clientId: string, logger: Logger, extra: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
    logCreator:
      () =>
      ({ namespace, level, log }) => {
        const { message, ...rest } = log;
        logger[LEVELS[level] ?? 'info']({ kafka: namespace, ...rest }, String(message));
      },
    ...extra,
  });
}
