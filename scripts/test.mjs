// `npm test`: prepares the test database and a Kafka broker, runs every jest project against
// them, stops what it started, and exits with jest's code.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { prepareInfrastructure, root, say } from './lib/infrastructure.mjs';
import { withDefaultUser } from './lib/postgres.mjs';

const databaseUrl = withDefaultUser(process.env.VIGIL_TEST_DATABASE_URL || 'postgres://localhost:5432/vigil_test');
const infrastructure = await prepareInfrastructure({ databaseUrl, freshDatabase: true });

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  KAFKA_BROKERS: infrastructure.kafkaBrokers,
  VIGIL_JWT_SECRET: process.env.VIGIL_JWT_SECRET || 'test-secret-test-secret-test-secret-0123',
  KAFKAJS_NO_PARTITIONER_WARNING: '1',
  // Suites start many apps in one process: each serves Prometheus on a free port of its own.
  VIGIL_METRICS_PORT: process.env.VIGIL_METRICS_PORT || '0',
  // Fault tests make kafkajs log errors on purpose; LOG_LEVEL=info npm test shows the services' logs.
  LOG_LEVEL: process.env.LOG_LEVEL || 'fatal',
  // Suites build the all-in-one app inside jest: its projections run inline there (test/projector-thread.e2e-spec.ts runs the thread).
  VIGIL_PROJECTOR_THREAD: process.env.VIGIL_PROJECTOR_THREAD || 'inline',
  NODE_OPTIONS: [
    process.env.NODE_OPTIONS,
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    '--disable-warning=TimeoutNegativeWarning',
  ]
    .filter(Boolean)
    .join(' '),
};
// Integration and end-to-end suites share one broker and database: one file at a time.
const args = [
  join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
  '--runInBand',
  ...(process.env.CI ? ['--ci'] : []),
  ...process.argv.slice(2),
];
say(`running jest against ${databaseUrl.replace(/:[^:@/]+@/, ':***@')} and Kafka ${infrastructure.kafkaBrokers}`);

const jest = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
const forward = (signal) => jest.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
const code = await new Promise((resolve) => jest.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
await infrastructure.release();
process.exit(code);
