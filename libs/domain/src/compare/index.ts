export * from './windows';
export * from './cells';
export * from './buckets';
