import { Module } from '@nestjs/common';
import { FiguresController } from './figures.controller';

/** GET /v1/directives, /v1/directives/{id}/progress, /v1/units/{id}/stats; needs PG_POOL and VIGIL_CONFIG (global). */
@Module({ controllers: [FiguresController] })
export class FiguresApiModule {}
