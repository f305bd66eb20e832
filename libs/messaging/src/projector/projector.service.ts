import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@vigil/event-store';
import { KAFKA } from '../kafka/kafka.module';
import type { Projection } from '@vigil/projections';
import { consumersReport } from './consumer-reports';
import { ProjectionRunner } from './projection-runner';
import { createLogger, HealthRegistry, Metrics, PG_POOL, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';

export const PROJECTIONS_TO_RUN = Symbol('PROJECTIONS_TO_RUN');

/**
 * Each projection's consumers (`VIGIL_PROJECTOR_CONSUMERS`, one when not named), started without
 * holding up start-up (a projection's first consumer first: it rebuilds a version built by other code
 * before the others join), stopped before the pool closes.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumers: ProjectionRunner[][];

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
    this.consumers = projections.map((projection) => {
      const count = config.VIGIL_PROJECTOR_CONSUMERS[projection.name] ?? 1;
      const runners: ProjectionRunner[] = [];
      // Readiness and the stuck-partitions gauge are the projection's, across its consumers.
      const stuckCount = () => runners.reduce((sum, runner) => sum + runner.status.stuckCount, 0);
      for (let i = 0; i < count; i += 1)
        runners.push(
          new ProjectionRunner(projection, kafka, pool, { ...options, stuckCount, consumers: count }, metrics, logger),
        );
      return runners;
    });
  }

  onApplicationBootstrap(): void {
    this.health.register('projector', async () => {
      const reports = Object.fromEntries(
        this.consumers.map((runners) => [runners[0]!.projection.name, consumersReport(runners.map((r) => r.status.report()))]),
      );
      const down = Object.entries(reports).filter(([, report]) => report.status !== 'up');
      return down.length === 0
        ? { status: 'up', details: reports }
        : { status: 'down', reason: down.map(([name, report]) => `${name}: ${report.reason}`).join('; '), details: reports };
    });
    for (const [first, ...others] of this.consumers)
      void first!.start().then(() => Promise.all(others.map((runner) => runner.start())));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.flat().map((runner) => runner.stop()));
  }
}
