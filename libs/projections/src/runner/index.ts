export * from './projection-runner';
export * from './batch-processor';
export * from './dead-letter-publisher';
export * from './delivered-event';
export * from './prepare-projection';
export * from './select-next-events';
export * from './apply-event';
export * from './projection-progress';
