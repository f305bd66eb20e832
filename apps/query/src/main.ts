import 'reflect-metadata';
import { bootstrap } from '@vigil/platform';
import { buildOpenApi } from '@vigil/contract';
import { QueryAppModule } from './query-app.module';

void bootstrap('query', QueryAppModule, { openapi: buildOpenApi() as never });
