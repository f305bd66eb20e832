import { type DynamicModule, Module } from '@nestjs/common';
import { extname, join } from 'node:path';
import { EventStoreModule } from '@vigil/event-store';
import { EventsApiModule, QueryApiModule } from '@vigil/http-api';
import { InboundModule, KafkaModule, ProjectorModule, type RelayOptions, RelayModule } from '@vigil/messaging';
import { DatabaseModule, PlatformModule, type VigilConfig } from '@vigil/platform';
import { PROJECTIONS } from '@vigil/projections';

/** The worker thread's entry beside this file: the build's JavaScript, or the sources under ts-node. */
const PROJECTOR_THREAD_ENTRY = join(__dirname, `projector-thread${extname(__filename)}`);

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
        config.VIGIL_PROJECTOR_THREAD === 'worker'
          ? ProjectorModule.inThread(PROJECTOR_THREAD_ENTRY)
          : ProjectorModule.forRoot(PROJECTIONS),
        QueryApiModule,
      ],
    };
  }
}
