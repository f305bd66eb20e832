import { type DynamicModule, Module } from '@nestjs/common';
import { KafkaModule } from '@vigil/messaging';
import { DatabaseModule, PlatformModule, type VigilConfig } from '@vigil/platform';
import { InboundModule } from './inbound/inbound.module';
import { IngestModule } from './ingest.module';

/** The ingest service alone: POST /v1/events and the Kafka inbound consumer. */
@Module({})
export class IngestAppModule {
  static forRoot(config: VigilConfig): DynamicModule {
    return {
      module: IngestAppModule,
      imports: [
        PlatformModule.forRoot(config),
        DatabaseModule,
        KafkaModule,
        IngestModule,
        InboundModule.forNamespace(config.VIGIL_NAMESPACE),
      ],
    };
  }
}
