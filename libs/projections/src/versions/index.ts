export * from './schemas';
export * from './projection-lock';
export * from './version-rows';
export * from './serving-views';
export * from './version-tables';
export * from './lock-serving-views';
export * from './prepare-projection';
export * from './version-status';
