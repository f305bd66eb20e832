import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { VIGIL_CONFIG } from '../config/config.module';
import type { VigilConfig } from '../config/config.schema';
import { createHttpLogger } from './http-logger';
import { loggerOptions } from './logger';

export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/** The request logger, mounted first by `configureHttp` so that even a request the body parser refuses is logged. */
@Module({
  providers: [
    {
      provide: HTTP_LOGGER,
      inject: [VIGIL_CONFIG],
      useFactory: (config: VigilConfig) => createHttpLogger(pino(loggerOptions(config.LOG_LEVEL))),
    },
  ],
  exports: [HTTP_LOGGER],
})
class HttpLoggerModule {}

/** nestjs-pino for Nest's own logs, on the request logger's pino (`useExisting`: it does not mount a second one). */
@Module({
  imports: [
    HttpLoggerModule,
    LoggerModule.forRootAsync({
      imports: [HttpLoggerModule],
      inject: [HTTP_LOGGER],
      useFactory: (http: ReturnType<typeof createHttpLogger>) => ({ pinoHttp: { logger: http.logger }, useExisting: true }),
    }),
  ],
  exports: [HttpLoggerModule],
})
export class LoggingModule {}
