export * from './projection';
export * from './registry';
export * from './registers';
export * from './runner';
export * from './figures';
export * from './versions';
export * from './rebuild';
