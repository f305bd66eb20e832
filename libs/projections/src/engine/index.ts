export * from './apply-batch';
export * from './live-version';
export type { SetAside } from './select-next-events';
export * from './retry-event';
