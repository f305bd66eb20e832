import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventStoreModule } from '@vigil/event-store';
import { DatabaseModule, HealthRegistry, Metrics, PlatformModule } from '@vigil/platform';
import type { Projection } from '@vigil/projections';
import { parentPort } from 'node:worker_threads';
import { KafkaModule } from '../kafka/kafka.module';
import { type FromProjectorThread, REPORT_EVERY_MS, type ToProjectorThread } from './projector-thread-messages';
import { ProjectorModule } from './projector.module';

@Module({})
class ProjectorThreadModule {
  static forRoot(projections: readonly Projection[]): DynamicModule {
    return {
      module: ProjectorThreadModule,
      imports: [PlatformModule.forRoot(), DatabaseModule, EventStoreModule, KafkaModule, ProjectorModule.forRoot(projections)],
    };
  }
}

/** Only the `vigil_*` families: the process-wide ones (CPU, memory) are the main thread's to report. */
const vigilFamilies = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('vigil_') || /^# (HELP|TYPE) vigil_/.test(line))
    .join('\n');

/**
 * The worker thread's side of `ProjectorModule.inThread`: the projections' runners in an application
 * context of their own (own pool, own Kafka clients), reporting their readiness and metrics to the
 * main thread every second, and closing on its `stop`.
 */
export async function runProjectorThread(projections: readonly Projection[]): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('runProjectorThread runs on a worker thread');
  const app = await NestFactory.createApplicationContext(ProjectorThreadModule.forRoot(projections), { logger: false });
  const health = app.get(HealthRegistry);
  const metrics = app.get(Metrics);
  const send = (message: FromProjectorThread) => port.postMessage(message);
  const report = async () =>
    send({ kind: 'report', health: await health.check('projector'), metrics: vigilFamilies(await metrics.registry.metrics()) });
  const timer = setInterval(() => void report().catch(() => undefined), REPORT_EVERY_MS);
  port.on('message', (message: ToProjectorThread) => {
    if (message.kind !== 'stop') return;
    clearInterval(timer);
    void app.close().finally(() => send({ kind: 'stopped' }));
  });
  await report();
}
