export * from './rounding';
export * from './calendar';
export * from './elapsed';
export * from './metric-value';
export * from './attainment';
export * from './projection';
export * from './target-status';
