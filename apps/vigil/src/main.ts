import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { buildAsyncApi, buildOpenApi } from '@vigil/contract';
import { connectInbound, startInbound } from '@vigil/messaging';
import { bootstrap, loadConfig, type VigilConfig } from '@vigil/platform';
import { VigilAppModule } from './vigil-app.module';

/** All services in one process: `npm start` prepares Kafka and the database, then calls this. */
export async function startVigil(options: { handleSignals: boolean }): Promise<{ app: INestApplication; config: VigilConfig }> {
  const config = loadConfig();
  const app = await bootstrap('vigil', VigilAppModule.forRoot(config), {
    config,
    openapi: buildOpenApi() as never,
    asyncapi: buildAsyncApi(),
    handleSignals: options.handleSignals,
    beforeListen: connectInbound,
    afterListen: startInbound,
  });
  return { app, config };
}

/** For the launcher's dev token. */
export { issueToken } from '@vigil/platform';

if (require.main === module) void startVigil({ handleSignals: true });
