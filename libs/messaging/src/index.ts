export * from './topics';
export * from './kafka-client';
export * from './ensure-topics';
export * from './idempotent-producer';
export * from './kafka.module';
