export { DEFAULT_GENERATOR_OPTIONS, generateBatches, generateEvents, type GeneratorOptions } from './generate';
export { MINISTRY_SOURCE, upstreamOf } from './upstream';
