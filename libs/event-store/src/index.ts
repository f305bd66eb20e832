export * from './event-store.port';
export * from './event-store.module';
export * from './content-hash';
export * from './serialized-event';
export { PostgresEventStore } from './postgres/postgres-event-store';
export { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
