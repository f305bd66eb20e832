import 'reflect-metadata';
import { bootstrap } from '@vigil/platform';
import { buildOpenApi } from '@vigil/contract';
import { IngestAppModule } from './ingest-app.module';

/** The ingest service alone: POST /v1/events (and, later, the Kafka inbound consumer). */
void bootstrap('ingest', IngestAppModule, { openapi: buildOpenApi() as never });
