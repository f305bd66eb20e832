import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { FiguresApiModule } from './figures-api.module';
import { HotspotsController } from './hotspots.controller';
import { RegisterScope } from './register-scope';
import { NegotiationInterceptor } from '../csv/negotiation.interceptor';

/** The read API over the projections; needs the platform and database modules. */
@Module({
  imports: [FiguresApiModule],
  controllers: [CasesController, HotspotsController],
  providers: [RegisterScope, NegotiationInterceptor],
})
export class QueryApiModule {}
