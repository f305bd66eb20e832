import { Module } from '@nestjs/common';
import { DashboardStaticModule } from '../dashboard/dashboard-static.module';
import { CasesController } from './cases.controller';
import { FiguresApiModule } from './figures-api.module';
import { HotspotsController } from './hotspots.controller';
import { RegisterScope } from './register-scope';
import { NegotiationInterceptor } from '../csv/negotiation.interceptor';

/** The read API over the projections, and the analysts' dashboard; needs the platform and database modules. */
@Module({
  imports: [FiguresApiModule, DashboardStaticModule],
  controllers: [CasesController, HotspotsController],
  providers: [RegisterScope, NegotiationInterceptor],
})
export class QueryApiModule {}
