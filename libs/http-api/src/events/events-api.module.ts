import { Module } from '@nestjs/common';
import { IngestModule } from '@vigil/ingest';
import { NegotiationInterceptor } from '../csv/negotiation.interceptor';
import { EventsController } from './events.controller';

/** POST /v1/events: the HTTP door to the command side. */
@Module({ imports: [IngestModule], controllers: [EventsController], providers: [NegotiationInterceptor] })
export class EventsApiModule {}
