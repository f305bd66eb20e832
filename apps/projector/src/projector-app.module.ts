import { Module } from '@nestjs/common';
import { KafkaModule } from '@vigil/messaging';
import { PROJECTIONS } from '@vigil/projections';
import { DatabaseModule, PlatformModule } from '@vigil/platform';
import { ProjectorModule } from './projector.module';

/** The projector as its own service: Kafka to the read models. */
@Module({ imports: [PlatformModule.forRoot(), DatabaseModule, KafkaModule, ProjectorModule.forRoot(PROJECTIONS)] })
export class ProjectorAppModule {}
