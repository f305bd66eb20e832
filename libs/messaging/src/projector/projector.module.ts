import { type DynamicModule, Module } from '@nestjs/common';
import type { Projection } from '@vigil/projections';
import { PROJECTOR_THREAD_ENTRY, ProjectorThreadBridge } from './projector-thread-bridge';
import { PROJECTIONS_TO_RUN, ProjectorService } from './projector.service';

/** Kafka to the read models; needs the platform, database and Kafka modules. */
@Module({})
export class ProjectorModule {
  static forRoot(projections: readonly Projection[]): DynamicModule {
    return {
      module: ProjectorModule,
      providers: [{ provide: PROJECTIONS_TO_RUN, useValue: projections }, ProjectorService],
    };
  }

  /**
   * The projections on a worker thread of this process (`entry` calls `runProjectorThread`): what the
   * all-in-one process runs, so that projecting never holds up its requests. Needs only the platform module.
   */
  static inThread(entry: string): DynamicModule {
    return {
      module: ProjectorModule,
      providers: [{ provide: PROJECTOR_THREAD_ENTRY, useValue: entry }, ProjectorThreadBridge],
    };
  }
}
