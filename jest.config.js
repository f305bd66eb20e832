// Four projects: pure units, integration against real PostgreSQL/Kafka, whole flows, and the dashboard in Chromium.
// Nest 12 ships ESM; Node runs jest with --experimental-vm-modules (see scripts/test.mjs).
const moduleNameMapper = {
  '^@vigil/(contract|domain|event-store|ingest|messaging|projections|platform|http-api)$': '<rootDir>/libs/$1/src/index.ts',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
};
const common = { rootDir: __dirname, testEnvironment: 'node', moduleNameMapper, transform };

/** @type {import('jest').Config} */
module.exports = {
  // Real brokers take seconds to form a consumer group; a hung test still fails after a minute.
  testTimeout: 60_000,
  // kafkajs keeps a retry timer alive for a moment after disconnect; don't let it hold the run open.
  forceExit: true,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/**/*.browser-spec.ts'],
      // Chromium (apt) and the dashboard's build, only when a browser test runs.
      globalSetup: '<rootDir>/test/dashboard/support/global-setup.mjs',
    },
  ],
};
