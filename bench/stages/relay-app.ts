import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createApp, loadConfig } from '@vigil/platform';
import { RelayAppModule } from '../../apps/relay/src/relay-app.module';

export interface RelaySettings {
  readonly databaseUrl: string;
  readonly kafkaBrokers: string;
  /** A namespace of its own: its own leader lock, checkpoint row and topics. */
  readonly namespace: string;
}

/**
 * The relay service (the same modules `apps/relay` runs) in the bench's own process, from
 * position 0 of the log. It publishes in the background from `init()` until closed.
 */
export async function startRelayApp(settings: RelaySettings): Promise<INestApplication> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: settings.databaseUrl,
    KAFKA_BROKERS: settings.kafkaBrokers,
    VIGIL_NAMESPACE: settings.namespace,
    VIGIL_JWT_SECRET: randomBytes(32).toString('base64url'),
    // kafkajs warns once that limited retries void exactly-once: known, see relay-kafka.ts.
    LOG_LEVEL: 'error',
  });
  const app = await createApp(RelayAppModule.forRoot(config, { initialPosition: 0n }));
  await app.init();
  return app;
}
