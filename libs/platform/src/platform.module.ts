import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import { ConfigModule } from './config/config.module';
import type { VigilConfig } from './config/config.schema';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health.registry';
import { LoggingModule } from './logging/logging.module';
import { MetricsController } from './metrics/metrics.controller';
import { Metrics } from './metrics/metrics';
import { MetricsServer } from './metrics/metrics-server';
import { TracingLifecycle } from './tracing/tracing.lifecycle';

/** What every Vigil app needs: configuration, logging, auth, problem details, health, metrics (its own port too) and tracing. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config?: VigilConfig) {
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot(config), LoggingModule],
      controllers: [HealthController, MetricsController],
      providers: [
        HealthRegistry,
        Metrics,
        MetricsServer,
        TracingLifecycle,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [ConfigModule, HealthRegistry, Metrics, MetricsServer],
    };
  }
}
