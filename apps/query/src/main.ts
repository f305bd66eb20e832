import 'reflect-metadata';
import { bootstrap } from '@vigil/platform';
import { buildAsyncApi, buildOpenApi } from '@vigil/contract';
import { QueryAppModule } from './query-app.module';

void bootstrap('query', QueryAppModule, { openapi: buildOpenApi() as never, asyncapi: buildAsyncApi() });
