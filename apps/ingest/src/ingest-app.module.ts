import { Module } from '@nestjs/common';
import { DatabaseModule, PlatformModule } from '@vigil/platform';
import { IngestModule } from './ingest.module';

@Module({ imports: [PlatformModule.forRoot(), DatabaseModule, IngestModule] })
export class IngestAppModule {}
