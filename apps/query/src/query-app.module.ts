import { Module } from '@nestjs/common';
import { QueryApiModule } from '@vigil/http-api';
import { DatabaseModule, PlatformModule } from '@vigil/platform';

/** The query API as its own service: reads the projections. */
@Module({ imports: [PlatformModule.forRoot(), DatabaseModule, QueryApiModule] })
export class QueryAppModule {}
