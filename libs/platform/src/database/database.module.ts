import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import { VIGIL_CONFIG } from '../config/config.module';
import type { VigilConfig } from '../config/config.schema';
import { HealthRegistry } from '../health/health.registry';
import { createLogger } from '../logging/logger';
import { describeDatabaseError } from './database-faults';
import { guardPool } from './guard-pool';
import { vigilPoolConfig } from './pool-config';

export const PG_POOL = Symbol('PG_POOL');

/** The read database (and the event store when it is PostgreSQL): one pool per process. */
@Global()
@Module({
  providers: [
    {
      provide: PG_POOL,
      inject: [VIGIL_CONFIG],
      useFactory: (config: VigilConfig) => {
        const logger = createLogger(config.LOG_LEVEL).child({ context: 'database' });
        // A client losing its connection must not crash the process: its statement fails, the next one reconnects.
        return guardPool(new Pool(vigilPoolConfig(config.DATABASE_URL, 12, 'vigil')), (error) =>
          logger.warn({ reason: describeDatabaseError(error) }, 'a database connection was lost'),
        );
      },
    },
  ],
  exports: [PG_POOL],
})
export class DatabaseModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('readDatabase', async () => {
      try {
        await this.pool.query('SELECT 1');
        return { status: 'up' };
      } catch (error) {
        return { status: 'down', reason: `PostgreSQL: ${describeDatabaseError(error)}` };
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
