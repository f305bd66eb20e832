import { type DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule } from '@vigil/event-store';
import { KafkaModule, type RelayOptions, RelayModule } from '@vigil/messaging';
import { DatabaseModule, PlatformModule, type VigilConfig } from '@vigil/platform';

/** The relay as its own service: the event store's log to Kafka. */
@Module({})
export class RelayAppModule {
  static forRoot(config?: VigilConfig, relay: RelayOptions = {}): DynamicModule {
    return {
      module: RelayAppModule,
      imports: [PlatformModule.forRoot(config), DatabaseModule, EventStoreModule, KafkaModule, RelayModule.forRoot(relay)],
    };
  }
}
