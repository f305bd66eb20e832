import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { DashboardStaticModule } from './dashboard/dashboard-static.module';
import { FiguresQueryModule } from './figures/figures-query.module';
import { HotspotsController } from './hotspots.controller';
import { RegisterScope } from './register-scope';

/** The read API over the projections, and the analysts' dashboard; needs the platform and database modules. */
@Module({
  imports: [FiguresQueryModule, DashboardStaticModule],
  controllers: [CasesController, HotspotsController],
  providers: [RegisterScope],
})
export class QueryModule {}
