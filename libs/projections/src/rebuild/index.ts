export * from './rebuild-projections';
export type { SwitchedVersion } from './switch-versions';
