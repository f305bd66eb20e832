export * from './projection';
export * from './registry';
export * from './registers';
export * from './engine';
export * from './figures';
export * from './versions';
export * from './rebuild';
