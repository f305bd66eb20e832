export * from './figures.projection';
export * from './figures.tables';
export * from './directive-progress';
export * from './unit-stats';
export { listDirectives, type Directive, type DirectiveWithTargets, type Target } from './targets';
export { resolveSubtree, unitParentsNow, type Db, type Subtree } from './subtree';
