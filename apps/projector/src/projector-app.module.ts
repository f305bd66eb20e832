import { Module } from '@nestjs/common';
import { KafkaModule } from '@vigil/messaging';
import { DatabaseModule, PlatformModule } from '@vigil/platform';

/** The projector as its own service: Kafka to the read models. */
@Module({ imports: [PlatformModule.forRoot(), DatabaseModule, KafkaModule] })
export class ProjectorAppModule {}
