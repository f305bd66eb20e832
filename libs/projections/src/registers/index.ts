export * from './units.projection';
export * from './units.queries';
export * from './cases.projection';
export * from './cases.queries';
export * from './hotspots.projection';
export * from './hotspots.queries';
export * from './page';
