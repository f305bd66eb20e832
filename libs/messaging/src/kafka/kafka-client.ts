import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import type { Logger } from 'pino';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

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
