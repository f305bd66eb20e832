export * from './rounding';
export * from './calendar';
export * from './elapsed';
export * from './metric-value';
export * from './attainment';
export * from './forecast';
export * from './target-status';
export { exactSum } from './decimal';
