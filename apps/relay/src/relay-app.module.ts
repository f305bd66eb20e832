import { type DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule } from '@vigil/event-store';
import { KafkaModule } from '@vigil/messaging';
import { DatabaseModule, PlatformModule, type VigilConfig } from '@vigil/platform';
import type { RelayOptions } from './relay-options';
import { RelayModule } from './relay.module';

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
