import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread } from 'node:worker_threads';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { VIGIL_CONFIG } from '../config/config.module';
import type { VigilConfig } from '../config/config.schema';
import { createLogger } from '../logging/logger';
import { Metrics } from './metrics';

/**
 * Prometheus on its management port (`VIGIL_METRICS_PORT`, default 9464, the OpenTelemetry
 * Prometheus exporter's): `GET /metrics` without a token, as a stock Prometheus scrapes an exporter.
 * Apart from the API port, so it can stay inside the cluster while the API is exposed.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | null = null;
  private readonly logger;

  constructor(
    private readonly metrics: Metrics,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {
    this.logger = createLogger(config.LOG_LEVEL).child({ context: 'metrics' });
  }

  /** The port it listens on (the one taken when configured as 0), or null when it could not listen. */
  get port(): number | null {
    return (this.server?.address() as AddressInfo | null)?.port ?? null;
  }

  /** A port in use does not stop the service: the API still serves `/metrics` to an operator. */
  async onApplicationBootstrap(): Promise<void> {
    // A worker thread's metrics are served by its main thread (`Metrics.addSource`).
    if (!isMainThread) return;
    const server = createServer((request, response) => void this.answer(request.method, request.url, response));
    await new Promise<void>((resolve) => {
      server.once('error', (error) => {
        this.logger.error(
          { err: error, port: this.config.VIGIL_METRICS_PORT },
          'metrics port unavailable; set VIGIL_METRICS_PORT',
        );
        resolve();
      });
      server.listen(this.config.VIGIL_METRICS_PORT, () => {
        this.server = server;
        resolve();
      });
    });
    if (this.server) this.logger.info({ url: `http://localhost:${this.port}/metrics` }, 'Prometheus metrics');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private async answer(method: string | undefined, url: string | undefined, response: ServerResponse) {
    if (url?.split('?')[0] !== '/metrics') return response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
    if (method !== 'GET' && method !== 'HEAD') return response.writeHead(405, { allow: 'GET, HEAD' }).end();
    const body = await this.metrics.text();
    response.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(method === 'HEAD' ? undefined : body);
  }
}
