import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@vigil/event-store';
import { KAFKA } from '../kafka/kafka.module';
import type { Projection } from '@vigil/projections';
import { ProjectionRunner } from './projection-runner';
import { createLogger, HealthRegistry, Metrics, PG_POOL, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';

export const PROJECTIONS_TO_RUN = Symbol('PROJECTIONS_TO_RUN');

/** One runner per projection, started without holding up start-up, stopped before the pool closes. */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runners: ProjectionRunner[];

  constructor(
    @Inject(PROJECTIONS_TO_RUN) projections: readonly Projection[],
    @Inject(KAFKA) kafka: Kafka,
    @Inject(PG_POOL) pool: Pool,
    @Inject(VIGIL_CONFIG) config: VigilConfig,
    private readonly health: HealthRegistry,
    metrics: Metrics,
    // Lets a runner rebuild a projection whose code version changed before it consumes.
    @Optional() @Inject(EVENT_STORE) store?: EventStore,
  ) {
    const logger = createLogger(config.LOG_LEVEL).child({ context: 'projector' });
    const options = {
      namespace: config.VIGIL_NAMESPACE,
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      ...(store ? { store } : {}),
    };
    this.runners = projections.map((projection) => new ProjectionRunner(projection, kafka, pool, options, metrics, logger));
  }

  onApplicationBootstrap(): void {
    this.health.register('projector', async () => {
      const reports = Object.fromEntries(this.runners.map((runner) => [runner.projection.name, runner.status.report()]));
      const down = Object.entries(reports).filter(([, report]) => report.status !== 'up');
      return down.length === 0
        ? { status: 'up', details: reports }
        : { status: 'down', reason: down.map(([name, report]) => `${name}: ${report.reason}`).join('; '), details: reports };
    });
    for (const runner of this.runners) void runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}
