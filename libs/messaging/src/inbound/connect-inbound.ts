import { type INestApplication, Logger } from '@nestjs/common';
import { type KafkaOptions, Transport } from '@nestjs/microservices';
import { consumerGroup } from '../kafka/topics';
import type { VigilConfig } from '@vigil/platform';

const RETRY_MS = 1_000;

/**
 * Connects the @nestjs/microservices Kafka consumer of the inbound topic. Offsets are committed
 * by kafkajs only after the handler resolved, i.e. after the append (or the rejection) is done.
 * Starts in the background: Kafka being down delays it, it does not stop the HTTP API.
 */
export function connectInbound(app: INestApplication, config: VigilConfig): void {
  const options: KafkaOptions = {
    transport: Transport.KAFKA,
    options: {
      client: { clientId: `${config.VIGIL_NAMESPACE}-inbound`, brokers: config.KAFKA_BROKERS.split(',') },
      consumer: { groupId: consumerGroup(config.VIGIL_NAMESPACE, 'inbound'), allowAutoTopicCreation: false },
      subscribe: { fromBeginning: true },
      parser: { keepBinary: true },
      postfixId: '',
    },
  };
  app.connectMicroservice(options, { inheritAppConfig: true });
  const logger = new Logger('Inbound');
  const start = (): void => {
    // After init, so the namespace's topics exist before the consumer subscribes.
    app
      .init()
      .then(() => app.startAllMicroservices())
      .then(
        () => logger.log(`consuming ${config.VIGIL_NAMESPACE}.inbound.v1`),
        (error: unknown) => {
          logger.error({ err: error }, `inbound consumer failed to start; retrying in ${RETRY_MS} ms`);
          setTimeout(start, RETRY_MS).unref();
        },
      );
  };
  start();
}
