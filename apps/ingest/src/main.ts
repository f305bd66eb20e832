import 'reflect-metadata';
import { buildAsyncApi, buildOpenApi } from '@vigil/contract';
import { bootstrap, loadConfigOrExit } from '@vigil/platform';
import { connectInbound, startInbound } from '@vigil/messaging';
import { IngestAppModule } from './ingest-app.module';

const config = loadConfigOrExit();
void bootstrap('ingest', IngestAppModule.forRoot(config), {
  config,
  openapi: buildOpenApi() as never,
  asyncapi: buildAsyncApi(),
  beforeListen: connectInbound,
  afterListen: startInbound,
});
