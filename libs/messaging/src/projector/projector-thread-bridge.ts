import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { createLogger, HealthRegistry, type HealthReport, Metrics, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { Worker } from 'node:worker_threads';
import type { FromProjectorThread, ToProjectorThread } from './projector-thread-messages';

export const PROJECTOR_THREAD_ENTRY = Symbol('PROJECTOR_THREAD_ENTRY');

const RESTART_MS = 2_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * The main thread's side of `ProjectorModule.inThread`: runs the projections on a worker thread, so
 * their work (JSON, sums, COPY lines) never holds up the requests of the same process. Readiness
 * (`projector`) and the `vigil_*` metrics are the thread's last report; a thread that dies is
 * reported down and started again.
 */
@Injectable()
export class ProjectorThreadBridge implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker: Worker | null = null;
  private last: { health: HealthReport; metrics: string } | null = null;
  private stopping = false;
  private restart: NodeJS.Timeout | null = null;
  private readonly logger;

  constructor(
    @Inject(PROJECTOR_THREAD_ENTRY) private readonly entry: string,
    private readonly health: HealthRegistry,
    metrics: Metrics,
    @Inject(VIGIL_CONFIG) config: VigilConfig,
  ) {
    this.logger = createLogger(config.LOG_LEVEL).child({ context: 'projector-thread' });
    metrics.addSource(() => this.last?.metrics ?? '');
  }

  onApplicationBootstrap(): void {
    this.health.register(
      'projector',
      async () => this.last?.health ?? { status: 'down', reason: 'the projector thread is starting' },
    );
    this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.restart) clearTimeout(this.restart);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const stopped = new Promise((resolve) =>
      worker.on('message', (m: FromProjectorThread) => m.kind === 'stopped' && resolve(m)),
    );
    worker.postMessage({ kind: 'stop' } satisfies ToProjectorThread);
    const timeout = new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
    await Promise.race([stopped, exited, timeout]);
    await worker.terminate();
  }

  private start(): void {
    const worker = startWorker(this.entry);
    this.worker = worker;
    worker.on('message', (message: FromProjectorThread) => {
      if (message.kind === 'report') this.last = { health: message.health, metrics: message.metrics };
    });
    worker.on('error', (error) => this.logger.error({ err: error }, 'the projector thread failed'));
    worker.on('exit', (code) => {
      this.worker = null;
      if (this.stopping) return;
      const reason = `the projector thread exited (code ${code}); starting it again`;
      this.last = { health: { status: 'down', reason }, metrics: '' };
      this.logger.error({ code }, reason);
      this.restart = setTimeout(() => this.start(), RESTART_MS);
    });
  }
}

/**
 * A young generation of 96 MiB (V8's default is 48): a turn of thousands of events allocates its lines and
 * deltas in one go, and a small one copies them through scavenge after scavenge (a fifth of the thread's
 * time in garbage collection at the default, measured on the figures' live path; 192 MiB was no faster
 * with turns of at most 4 MiB, and cost RSS).
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96 };

/** A built entry runs as is; a TypeScript one (the sources, in tests) through ts-node as `npm start`'s children do. */
function startWorker(entry: string): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry, { resourceLimits: RESOURCE_LIMITS });
  const register = `require('ts-node/register/transpile-only'); require('tsconfig-paths/register'); require(${JSON.stringify(entry)});`;
  return new Worker(register, { eval: true, resourceLimits: RESOURCE_LIMITS });
}
