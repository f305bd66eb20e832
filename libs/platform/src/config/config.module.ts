import { Global, Module } from '@nestjs/common';
import { loadConfig } from './load-config';
import type { VigilConfig } from './config.schema';

export const VIGIL_CONFIG = Symbol('VIGIL_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** `config` given explicitly (tests) or read from the environment. */
  static forRoot(config?: VigilConfig) {
    return {
      module: ConfigModule,
      providers: [{ provide: VIGIL_CONFIG, useFactory: () => config ?? loadConfig() }],
      exports: [VIGIL_CONFIG],
    };
  }
}
