import { Module } from '@nestjs/common';
import { IngestModule } from '@vigil/ingest';
import { EventsController } from './events.controller';

/** POST /v1/events: the HTTP door to the command side. */
@Module({ imports: [IngestModule], controllers: [EventsController] })
export class EventsApiModule {}
