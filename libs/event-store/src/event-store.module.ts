import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry, PG_POOL, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import type { Pool } from 'pg';
import type { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

export const EVENT_STORE = Symbol('EVENT_STORE');

/** Chooses the adapter from VIGIL_EVENT_STORE; everything past this module sees only the port. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [VIGIL_CONFIG, PG_POOL],
      useFactory: (config: VigilConfig, pool: Pool): EventStore =>
        config.VIGIL_EVENT_STORE === 'kurrentdb'
          ? KurrentDbEventStore.fromConnectionString(config.KURRENTDB_URL!)
          : new PostgresEventStore(pool),
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('eventStore', async () => {
      await this.store.ping();
      return { status: 'up' };
    });
  }
}
