import { Module } from '@nestjs/common';
import { DatabaseModule, PlatformModule } from '@vigil/platform';

/** The query API as its own service: reads the projections. */
@Module({ imports: [PlatformModule.forRoot(), DatabaseModule] })
export class QueryAppModule {}
