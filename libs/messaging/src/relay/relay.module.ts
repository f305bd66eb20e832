import { type DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule } from '@vigil/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { createRelayKafka, RELAY_KAFKA } from './relay-kafka';
import { RELAY_OPTIONS, type RelayOptions, resolveRelayOptions } from './relay-options';
import { RelayService } from './relay.service';

/** The event store's log to Kafka; needs the platform, database and event store modules. */
@Module({})
export class RelayModule {
  static forRoot(options: RelayOptions = {}): DynamicModule {
    return {
      module: RelayModule,
      imports: [EventStoreModule],
      providers: [
        {
          provide: RELAY_OPTIONS,
          inject: [VIGIL_CONFIG],
          useFactory: (config: VigilConfig) => resolveRelayOptions(config.VIGIL_NAMESPACE, options),
        },
        { provide: RELAY_KAFKA, inject: [VIGIL_CONFIG], useFactory: createRelayKafka },
        RelayService,
      ],
    };
  }
}
