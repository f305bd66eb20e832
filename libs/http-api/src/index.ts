// The HTTP API: thin Nest controllers over the command side (libs/ingest) and the read models
// (libs/projections); authentication, problem details and the rest of HTTP come from libs/platform.
export * from './events/events-api.module';
export * from './query/query-api.module';
export * from './query/figures-api.module';
