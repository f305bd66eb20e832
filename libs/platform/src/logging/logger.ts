import pino, { type Logger, type LoggerOptions } from 'pino';

/** JSON lines in production and CI; readable lines in an interactive terminal. */
export function loggerOptions(level: string): LoggerOptions {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== 'production' && !process.env.CI;
  return {
    level,
    base: { service: 'vigil' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  };
}

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(loggerOptions(level));
}

export type { Logger };
