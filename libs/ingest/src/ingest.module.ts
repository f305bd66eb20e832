import { Module } from '@nestjs/common';
import { EventStoreModule } from '@vigil/event-store';
import { IngestService } from './ingest.service';

/** The command side, one path for every transport: the HTTP API and the Kafka inbound consumer call `IngestService`. */
@Module({
  imports: [EventStoreModule],
  providers: [IngestService],
  exports: [IngestService],
})
export class IngestModule {}
