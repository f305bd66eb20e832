import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request, Response } from 'express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '../config/load-config';
import type { VigilConfig } from '../config/config.schema';
import { startTracing } from '../tracing/tracing';
import { configureHttp } from './configure-http';

type AppModule = Parameters<typeof NestFactory.create>[0];

export interface BootstrapOptions {
  /** Served at /docs (UI) and /docs/openapi.json. */
  openapi?: OpenAPIObject;
  /** Served at /docs/asyncapi.json. */
  asyncapi?: object;
  config?: VigilConfig;
  /** Runs after the app is created, before it listens (e.g. to connect a Kafka consumer). */
  beforeListen?: (app: INestApplication, config: VigilConfig) => void | Promise<void>;
  /** Runs once the app is initialised and listening (e.g. to start that consumer). */
  afterListen?: (app: INestApplication, config: VigilConfig) => void | Promise<void>;
  /** Close the app on SIGINT/SIGTERM (false when a launcher handles the signals itself). */
  handleSignals?: boolean;
}

/** Creates and starts one Vigil HTTP app; a bad configuration stops it with one line. */
export async function bootstrap(name: string, module: AppModule, options: BootstrapOptions = {}): Promise<INestApplication> {
  try {
    const config = options.config ?? loadConfig();
    // Before the app exists, so every span it makes goes to the SDK (when OTEL_* ask for it).
    await startTracing(name === 'vigil' ? 'vigil' : `vigil-${name}`);
    const app = await createApp(module, options.openapi, options.asyncapi);
    if (options.handleSignals !== false) app.enableShutdownHooks();
    await options.beforeListen?.(app, config);
    await app.listen(config.VIGIL_PORT, '0.0.0.0');
    app.get(Logger).log({ service: name, url: `http://localhost:${config.VIGIL_PORT}` }, `${name} listening`);
    await options.afterListen?.(app, config);
    return app;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** The app without listening: what tests start on an ephemeral port. */
export async function createApp(module: AppModule, openapi?: OpenAPIObject, asyncapi?: object): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureHttp(app);
  if (openapi) {
    SwaggerModule.setup('docs', app, openapi, { jsonDocumentUrl: 'docs/openapi.json' });
  }
  if (asyncapi) {
    app.getHttpAdapter().get('/docs/asyncapi.json', (_request: Request, response: Response) => response.json(asyncapi));
  }
  return app;
}
