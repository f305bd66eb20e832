// What both `npm start` and `npm test` need before any service runs: the database with its
// schema, and a Kafka broker (the local one unless KAFKA_BROKERS names another).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureKafka, stopKafka } from '../kafka.mjs';
import { prepareDatabase } from './postgres.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const say = (line) => process.stdout.write(`vigil: ${line}\n`);

/** Returns the environment the services should run with, and how to undo what was started. */
export async function prepareInfrastructure({ databaseUrl, freshDatabase = false }) {
  await prepareDatabase({ databaseUrl, root, log: say, fresh: freshDatabase });
  if (process.env.KAFKA_BROKERS) return { kafkaBrokers: process.env.KAFKA_BROKERS, release: async () => undefined };
  const port = Number(process.env.VIGIL_KAFKA_PORT || 9092);
  const kafka = await ensureKafka({ port, log: say });
  return {
    kafkaBrokers: kafka.brokers,
    release: async () => {
      if (kafka.startedByUs) await stopKafka({ port });
    },
  };
}
