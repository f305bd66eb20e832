export * from './ingest.module';
export * from './ingest.service';
export * from './ingest-result';
export * from './parse-batch';
