import { Module } from '@nestjs/common';
import { EventStoreModule } from '@vigil/event-store';
import { KafkaModule, ProjectorModule } from '@vigil/messaging';
import { PROJECTIONS } from '@vigil/projections';
import { DatabaseModule, PlatformModule } from '@vigil/platform';

/** The projector as its own service: Kafka to the read models (the event store for rebuilds of new code versions). */
@Module({
  imports: [PlatformModule.forRoot(), DatabaseModule, EventStoreModule, KafkaModule, ProjectorModule.forRoot(PROJECTIONS)],
})
export class ProjectorAppModule {}
