import type { Command } from 'commander';

/**
 * The `vigil` commands: each one's name and summary, and how to build it. A command's module (and
 * with it the libraries it needs: Nest, kafkajs, pg…) is loaded only when that command runs, so
 * `vigil --help` and `vigil --version` load commander alone.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Command }> = {
  token: {
    summary: 'signed access tokens',
    load: () => (require('./token') as typeof import('./token')).tokenCommand(),
  },
  projections: {
    summary: 'read models',
    load: () => (require('./projections') as typeof import('./projections')).projectionsCommand(),
  },
  republish: {
    summary: 'publish stored events to Kafka again, in order (positions and times inclusive)',
    load: () => (require('./republish') as typeof import('./republish')).republishCommand(),
  },
  'dead-letters': {
    summary: 'what consumers could not process, and why',
    load: () => (require('./dead-letters') as typeof import('./dead-letters')).deadLettersCommand(),
  },
};
