import { type DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule } from '@vigil/event-store';
import { InboundModule, IngestModule } from '@vigil/ingest';
import { KafkaModule } from '@vigil/messaging';
import { DatabaseModule, PlatformModule, type VigilConfig } from '@vigil/platform';
import { PROJECTIONS } from '@vigil/projections';
import { ProjectorModule } from '../../projector/src/projector.module';
import { QueryModule } from '../../query/src/query.module';
import type { RelayOptions } from '../../relay/src/relay-options';
import { RelayModule } from '../../relay/src/relay.module';

export interface VigilAppOptions {
  /** e.g. `{ initialPosition: 'head' }` in tests, so a fresh namespace does not republish the shared history. */
  relay?: RelayOptions;
}

/** Every service in one process: what `npm start` runs. */
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
        IngestModule,
        InboundModule.forNamespace(config.VIGIL_NAMESPACE),
        RelayModule.forRoot(options.relay),
        ProjectorModule.forRoot(PROJECTIONS),
        QueryModule,
      ],
    };
  }
}
