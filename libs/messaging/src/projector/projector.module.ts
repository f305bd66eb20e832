import { type DynamicModule, Module } from '@nestjs/common';
import type { Projection } from '@vigil/projections';
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
}
