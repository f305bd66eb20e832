import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import type { Logger } from 'pino';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * kafkajs lines that report a choice Vigil made on purpose, not a problem: the relay's and the CLI's
 * producers are idempotent with few retries (FAIL_FAST_RETRY) because they promise at least once
 * and consumers de-duplicate by stream revision. Logged at debug instead of warn.
 */
const DELIBERATE = new Set(['Limiting retries for the idempotent producer may invalidate EoS guarantees']);

/**
 * Error answers kafkajs logs as errors though they are routine and handled: a heartbeat told that the
 * group is rebalancing (another consumer joined: a second instance, or a projection's second consumer)
 * makes the consumer rejoin. Logged at info.
 */
const ROUTINE_ANSWERS = new Set(['The group is rebalancing, so a rejoin is needed']);

/**
 * Retries for a client that must tell quickly that Kafka is down (the relay's readiness, an
 * operator's command) rather than retry for about a minute as the shared client does.
 */
export const FAIL_FAST_RETRY: KafkaConfig['retry'] = { initialRetryTime: 200, maxRetryTime: 2_000, retries: 3 };

const configs = new WeakMap<Kafka, KafkaConfig>();
const quietTwins = new WeakMap<Kafka, Kafka>();

/** A kafkajs client whose own logs go to pino as structured lines. */
export function createKafka(brokers: string, clientId: string, logger: Logger, extra: Partial<KafkaConfig> = {}): Kafka {
  const config: KafkaConfig = {
    clientId,
    brokers: brokers.split(','),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
    logCreator:
      () =>
      ({ namespace, level, log }) => {
        const { message, ...rest } = log;
        const text = String(message);
        const routine = ROUTINE_ANSWERS.has(String((rest as { error?: unknown }).error));
        logger[DELIBERATE.has(text) ? 'debug' : routine ? 'info' : (LEVELS[level] ?? 'info')](
          { kafka: namespace, ...rest },
          text,
        );
      },
    ...extra,
  };
  const kafka = new Kafka(config);
  configs.set(kafka, config);
  return kafka;
}

/**
 * The same cluster with kafkajs' own logging off, for probes whose failures are expected and
 * handled by the caller (creating topics another service creates too, waiting for a new
 * partition's leader): kafkajs logs every error answer as an error line, retried or not.
 * A client `createKafka` did not make is returned as it is.
 */
export function quietTwin(kafka: Kafka): Kafka {
  const config = configs.get(kafka);
  if (!config) return kafka;
  let twin = quietTwins.get(kafka);
  if (!twin) quietTwins.set(kafka, (twin = new Kafka({ ...config, logLevel: logLevel.NOTHING, logCreator: () => () => {} })));
  return twin;
}
