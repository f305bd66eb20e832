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

/** `toStderr` for commands whose standard output is their answer (the `vigil` CLI). */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', { toStderr = false } = {}): Logger {
  if (!toStderr) return pino(loggerOptions(level));
  const { transport: _pretty, ...options } = loggerOptions(level);
  return pino(options, pino.destination(2));
}

export type { Logger };
