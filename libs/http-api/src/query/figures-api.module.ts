import { Module } from '@nestjs/common';
import { NegotiationInterceptor } from '../csv/negotiation.interceptor';
import { DirectivesController } from './directives.controller';
import { FiguresReader } from './figures-reader';
import { UnitsController } from './units.controller';

/** The analysts' views over the figures (directives, progress, evidence, units, stats, compare, series); needs PG_POOL and VIGIL_CONFIG (global). */
@Module({ controllers: [DirectivesController, UnitsController], providers: [FiguresReader, NegotiationInterceptor] })
export class FiguresApiModule {}
