import { Module } from '@nestjs/common';
import { DatabaseModule, PlatformModule } from '@vigil/platform';
import { QueryModule } from './query.module';

/** The query API as its own service: reads the projections. */
@Module({ imports: [PlatformModule.forRoot(), DatabaseModule, QueryModule] })
export class QueryAppModule {}
