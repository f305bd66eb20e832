import { Module } from '@nestjs/common';
import { EventStoreModule } from '@vigil/event-store';
import { KafkaModule } from '@vigil/messaging';
import { PROJECTIONS } from '@vigil/projections';
import { DatabaseModule, PlatformModule } from '@vigil/platform';
import { ProjectorModule } from './projector.module';

/** The projector as its own service: Kafka to the read models (the event store for rebuilds of new code versions). */
@Module({
  imports: [PlatformModule.forRoot(), DatabaseModule, EventStoreModule, KafkaModule, ProjectorModule.forRoot(PROJECTIONS)],
})
export class ProjectorAppModule {}
