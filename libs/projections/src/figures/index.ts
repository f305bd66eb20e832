export * from './figures.projection';
export { quoted, figuresDdl } from './tables';
export { engineState, type Db, type EngineState } from './engine-state';
export * from './read/directive-progress';
export * from './read/unit-stats';
export { readContext, type ReadContext } from './read/read-context';
export { findDirective, listDirectives, targetsOf, type Directive, type DirectiveWithTargets, type Target } from './read/targets';
export { unitParentsNow } from './read/scope';
