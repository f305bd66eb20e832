import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import { VIGIL_CONFIG } from '../config/config.module';
import type { VigilConfig } from '../config/config.schema';
import { HealthRegistry } from '../health/health.registry';
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
        const pool = new Pool(vigilPoolConfig(config.DATABASE_URL, 12, 'vigil'));
        // An idle client losing its connection must not crash the process; the next query reconnects.
        pool.on('error', () => undefined);
        return pool;
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
      await this.pool.query('SELECT 1');
      return { status: 'up' };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
