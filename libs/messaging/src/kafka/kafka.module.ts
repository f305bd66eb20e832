import { Global, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthRegistry, VIGIL_CONFIG, type VigilConfig, createLogger } from '@vigil/platform';
import type { Admin, Kafka } from 'kafkajs';
import { ensureTopicsExist } from './ensure-topics';
import { createKafka } from './kafka-client';
import { allTopics } from './topics';

export const KAFKA = Symbol('KAFKA');

/** The kafkajs client of the process, its topics ensured at start, and a readiness check. */
@Global()
@Module({
  providers: [
    {
      provide: KAFKA,
      inject: [VIGIL_CONFIG],
      useFactory: (config: VigilConfig) =>
        createKafka(
          config.KAFKA_BROKERS,
          `${config.VIGIL_NAMESPACE}-vigil`,
          createLogger(config.LOG_LEVEL).child({ context: 'kafkajs' }),
        ),
    },
  ],
  exports: [KAFKA],
})
export class KafkaModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private admin: Admin | null = null;
  private lastError = 'not connected yet';
  private retry: NodeJS.Timeout | null = null;
  private readonly logger = createLogger().child({ context: 'KafkaModule' });

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
    private readonly health: HealthRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.health.register('kafka', async () => {
      if (!this.admin) return { status: 'down', reason: this.lastError };
      const cluster = await this.admin.describeCluster();
      return { status: 'up', details: { brokers: cluster.brokers.length, controller: cluster.controller } };
    });
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.retry) clearTimeout(this.retry);
    await this.admin?.disconnect();
  }

  /** Kafka being down does not stop the process: readiness says why, and we try again. */
  private async connect(): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await ensureTopicsExist(this.kafka, allTopics(this.config.VIGIL_NAMESPACE), this.config.KAFKA_TOPIC_PARTITIONS);
      this.admin = admin;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.logger.error({ err: error }, 'Kafka not reachable; retrying in 5 s');
      await admin.disconnect().catch(() => undefined);
      this.retry = setTimeout(() => void this.connect(), 5_000);
    }
  }
}
