import { type INestApplication, Logger } from '@nestjs/common';
import { type KafkaOptions, Transport } from '@nestjs/microservices';
import { Partitioners } from 'kafkajs';
import { consumerGroup } from '../kafka/topics';
import type { VigilConfig } from '@vigil/platform';

const RETRY_MS = 1_000;

/**
 * Connects the @nestjs/microservices Kafka consumer of the inbound topic to the app (before it
 * listens); `startInbound` starts it once the app has started. Offsets are committed by kafkajs
 * only after the handler resolved, i.e. after the append (or the rejection) is done.
 */
export function connectInbound(app: INestApplication, config: VigilConfig): void {
  const options: KafkaOptions = {
    transport: Transport.KAFKA,
    options: {
      client: { clientId: `${config.VIGIL_NAMESPACE}-inbound`, brokers: config.KAFKA_BROKERS.split(',') },
      consumer: { groupId: consumerGroup(config.VIGIL_NAMESPACE, 'inbound'), allowAutoTopicCreation: false },
      // The transport's reply producer; named so kafkajs does not warn that its default changed in 2.0.
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
      parser: { keepBinary: true },
      postfixId: '',
    },
  };
  app.connectMicroservice(options, { inheritAppConfig: true });
}

/**
 * Starts consuming once the app is initialised (its start-up made the namespace's topics exist and
 * be served), in the background: Kafka being down delays it, it does not stop the HTTP API.
 * Calling `app.init()` here instead would race `app.listen()`'s own init: every module would
 * start twice (routes mapped twice, the request logger mounted twice).
 */
export function startInbound(app: INestApplication, config: VigilConfig): void {
  const logger = new Logger('Inbound');
  const start = (): void => {
    app.startAllMicroservices().then(
      () => logger.log(`consuming ${config.VIGIL_NAMESPACE}.inbound.v1`),
      (error: unknown) => {
        logger.error({ err: error }, `inbound consumer failed to start; retrying in ${RETRY_MS} ms`);
        setTimeout(start, RETRY_MS).unref();
      },
    );
  };
  start();
}
