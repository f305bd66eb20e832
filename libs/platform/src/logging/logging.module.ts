import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { VIGIL_CONFIG } from '../config/config.module';
import type { VigilConfig } from '../config/config.schema';
import { loggerOptions } from './logger';

/** nestjs-pino with request logging; health probes and metrics scrapes are not logged. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [VIGIL_CONFIG],
      useFactory: (config: VigilConfig) => ({
        pinoHttp: {
          ...loggerOptions(config.LOG_LEVEL),
          autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
          customProps: () => ({ context: 'http' }),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
