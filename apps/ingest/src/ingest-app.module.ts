import { type DynamicModule, Module } from '@nestjs/common';
import { EventsApiModule } from '@vigil/http-api';
import { InboundModule, KafkaModule } from '@vigil/messaging';
import { DatabaseModule, PlatformModule, type VigilConfig } from '@vigil/platform';

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
        EventsApiModule,
        InboundModule.forNamespace(config.VIGIL_NAMESPACE),
      ],
    };
  }
}
