export * from './progress';
export * from './projection';
