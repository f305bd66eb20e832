import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { buildAsyncApi, buildOpenApi } from '@vigil/contract';
import { PostgresEventStore } from '@vigil/event-store';
import { connectInbound, startInbound } from '@vigil/messaging';
import { type Role, type VigilConfig, createApp, issueToken, loadConfig } from '@vigil/platform';
import { Pool } from 'pg';
import { VigilAppModule } from '../../apps/vigil/src/vigil-app.module';

/** The all-in-one app on an ephemeral port, with its own Kafka namespace, against the real broker and database. */
export interface VigilUnderTest {
  app: INestApplication;
  config: VigilConfig;
  url: string;
  token(role: Role, unit?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startVigilUnderTest(overrides: Record<string, string> = {}): Promise<VigilUnderTest> {
  const config = loadConfig({ ...process.env, VIGIL_NAMESPACE: `test-${randomUUID().slice(0, 8)}`, ...overrides });
  // A fresh namespace's relay starts at the head, so the shared test database's history is not
  // republished: the head as it is now, before anything the test posts. ('head' would be read when the
  // relay takes its lock, in the background after start-up, and lose what was appended before that.)
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 1 });
  const head = await new PostgresEventStore(pool).headPosition().finally(() => pool.end());
  const app = await createApp(
    VigilAppModule.forRoot(config, { relay: { initialPosition: head } }),
    buildOpenApi() as never,
    buildAsyncApi(),
  );
  connectInbound(app, config);
  await app.listen(0, '127.0.0.1');
  startInbound(app, config);
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    token: (role, unit = 'VN') => issueToken(config.VIGIL_JWT_SECRET, { role, unit, subject: 'jest' }, 3600),
    close: () => app.close(),
  };
}

export { eventually } from '../../libs/platform/src/testing/eventually';
