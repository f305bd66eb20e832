// Everything Kafka: the client and topics, the message codecs, the relay (store → Kafka), the
// consumers that feed the projections and ingest, dead letters and republishing.
export * from './kafka/topics';
export * from './kafka/kafka-client';
export * from './kafka/ensure-topics';
export * from './kafka/idempotent-producer';
export * from './kafka/kafka.module';
export * from './codec/stored-event-messages';
export * from './codec/dead-letters';
export * from './relay/relay.module';
export * from './relay/relay-options';
export * from './relay/relay-lock-key';
export * from './projector/projector.module';
export * from './projector/projector-thread';
export * from './projector/projection-runner';
export * from './projector/batch-processor';
export * from './inbound/inbound.module';
export * from './inbound/connect-inbound';
export * from './dead-letters/dead-letter-reader';
export * from './dead-letters/retry-dead-letter';
export * from './republish/republish';
