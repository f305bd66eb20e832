// `npm start`: the whole system in one process on a fresh machine. Prepares PostgreSQL and Kafka,
// builds if needed, runs every service, prints the URLs and a dev token; Ctrl-C stops it all.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { buildIfStale } from './lib/build.mjs';
import { prepareInfrastructure, root, say } from './lib/infrastructure.mjs';

const require = createRequire(import.meta.url);

async function main() {
  const databaseUrl = process.env.DATABASE_URL || 'postgres://localhost:5432/vigil';
  const infrastructure = await prepareInfrastructure({ databaseUrl });
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  const generatedSecret = !process.env.VIGIL_JWT_SECRET;
  if (generatedSecret) process.env.VIGIL_JWT_SECRET = randomBytes(32).toString('base64url');

  const entry = buildIfStale(root, 'vigil', say);
  const { startVigil, issueToken } = require(entry);
  const { app, config } = await startVigil({ handleSignals: false });
  await printBanner(config, generatedSecret, issueToken);

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping`);
    await app.close();
    await infrastructure.release();
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

// The dev tokens last a working day: every token carries an `exp` (one without is refused), and a
// token printed to a terminal should not outlive the session by weeks.
const DEV_TOKEN_TTL_SECONDS = 12 * 3600;

async function printBanner(config, generatedSecret, issueToken) {
  const base = `http://localhost:${config.VIGIL_PORT}`;
  const dev = (role) => issueToken(config.VIGIL_JWT_SECRET, { role, unit: 'VN', subject: 'dev' }, DEV_TOKEN_TTL_SECONDS);
  const operator = await dev('operator');
  const analyst = await dev('analyst');
  const lines = [
    '',
    `Vigil is running — ${base}`,
    `  dashboard      ${base}/dashboard#token=${analyst}`,
    '                 (signed in as an analyst of unit VN for 12 hours; the token leaves the address bar at once)',
    `  API            ${base}/v1/events  (POST)`,
    `  OpenAPI docs   ${base}/docs`,
    `  readiness      ${base}/health/ready`,
    `  metrics        http://localhost:${config.VIGIL_METRICS_PORT}/metrics  (Prometheus, no token)`,
    `  Kafka          ${config.KAFKA_BROKERS}  (namespace ${config.VIGIL_NAMESPACE})`,
    `  database       ${config.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}`,
    '',
    `Dev token (operator, unit VN, 12 hours${generatedSecret ? '; the JWT secret was generated for this session' : ''}):`,
    `  ${operator}`,
    '',
    `  curl -H "Authorization: Bearer $TOKEN" ${base}/health/ready`,
    generatedSecret
      ? `  VIGIL_JWT_SECRET=${config.VIGIL_JWT_SECRET} npx vigil token issue --role analyst --unit VN --ttl 12h`
      : '  npx vigil token issue --role analyst --unit VN --ttl 12h',
    '',
    'Ctrl-C stops everything this command started.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error) => {
  process.stderr.write(`vigil: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
