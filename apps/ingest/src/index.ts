export * from './ingest.module';
export * from './ingest.service';
export * from './inbound/inbound.module';
export * from './inbound/connect-inbound';
