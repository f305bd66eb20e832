import { type DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule } from '@vigil/event-store';
import { EventsApiModule, QueryApiModule } from '@vigil/http-api';
import { InboundModule, KafkaModule, ProjectorModule, type RelayOptions, RelayModule } from '@vigil/messaging';
import { DatabaseModule, PlatformModule, type VigilConfig } from '@vigil/platform';
import { PROJECTIONS } from '@vigil/projections';

export interface VigilAppOptions {
  /** e.g. `{ initialPosition: 'head' }` in tests, so a fresh namespace does not republish the shared history. */
  relay?: RelayOptions;
}

/** Every service in one process: what `npm start` runs; the modules are the libraries' (no app imports another). */
@Module({})
export class VigilAppModule {
  static forRoot(config: VigilConfig, options: VigilAppOptions = {}): DynamicModule {
    return {
      module: VigilAppModule,
      imports: [
        PlatformModule.forRoot(config),
        DatabaseModule,
        KafkaModule,
        EventStoreModule,
        EventsApiModule,
        InboundModule.forNamespace(config.VIGIL_NAMESPACE),
        RelayModule.forRoot(options.relay),
        ProjectorModule.forRoot(PROJECTIONS),
        QueryApiModule,
      ],
    };
  }
}
