import { Module } from '@nestjs/common';
import { EventStoreModule } from '@vigil/event-store';
import { EventsController } from './events.controller';
import { IngestService } from './ingest.service';

/** POST /v1/events and the ingest path shared with the Kafka inbound consumer. */
@Module({
  imports: [EventStoreModule],
  controllers: [EventsController],
  providers: [IngestService],
  exports: [IngestService],
})
export class IngestModule {}
