import { userInfo } from 'node:os';
import { z } from 'zod';

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** libpq falls back to PGUSER or the OS user when a URL names none; node-postgres needs it said. */
export function withDefaultUser(databaseUrl: string, pgUser: string | undefined): string {
  const url = new URL(databaseUrl);
  if (!url.username) url.username = pgUser || userInfo().username;
  return url.toString();
}

const port = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** CONTRACT.md §8, plus a few operational knobs with safe defaults. */
export const ConfigSchema = z
  .object({
    VIGIL_PORT: port.default(8080),
    /** Prometheus' management port (no token, like any exporter); 0 takes any free port. */
    VIGIL_METRICS_PORT: z.coerce
      .number({ message: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(9464),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL')
      .default('postgres://localhost:5432/vigil'),
    VIGIL_EVENT_STORE: z.enum(['postgres', 'kurrentdb'], { message: 'must be postgres or kurrentdb' }).default('postgres'),
    KURRENTDB_URL: z
      .string()
      .regex(/^(kurrentdb|esdb|kdb)(\+discover)?:\/\/\S+$/, 'must be a kurrentdb:// URL')
      .optional(),
    KAFKA_BROKERS: z
      .string()
      .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'must be host:port[,host:port...]')
      .default('127.0.0.1:9092'),
    KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
    VIGIL_NAMESPACE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,48}$/, 'must be lower-case letters, digits, dot, dash or underscore')
      .default('vigil'),
    VIGIL_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    VIGIL_TIMEZONE: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh')
      .default('Asia/Ho_Chi_Minh'),
    /**
     * Where the all-in-one process runs its projections: on a worker thread of its own (so their work
     * never holds up the requests), or inline on the main thread (tests that build apps in-process).
     */
    VIGIL_PROJECTOR_THREAD: z.enum(['worker', 'inline'], { message: 'must be worker or inline' }).default('worker'),
    /**
     * Kafka consumers per projection in one projector (`name=N,...`; 1 when not named): a projection's
     * consumers split its partitions and apply their turns side by side, so one's Node work overlaps
     * another's statements. Its deltas commute, which is what lets several consumers write one version.
     */
    VIGIL_PROJECTOR_CONSUMERS: z
      .string()
      .regex(
        /^([a-z][a-z0-9_]*=([1-9]|1[0-6]))?(,[a-z][a-z0-9_]*=([1-9]|1[0-6]))*$/,
        'must be name=N[,name=N...] with N from 1 to 16',
      )
      .default('figures=2')
      .transform((text) =>
        Object.fromEntries(
          text
            .split(',')
            .filter((pair) => pair.length > 0)
            .map((pair) => [pair.split('=')[0]!, Number(pair.split('=')[1])] as const),
        ),
      ),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NODE_ENV: z.string().default('development'),
  })
  .superRefine((config, ctx) => {
    if (config.VIGIL_EVENT_STORE === 'kurrentdb' && !config.KURRENTDB_URL) {
      ctx.addIssue({ code: 'custom', path: ['KURRENTDB_URL'], message: 'is required when VIGIL_EVENT_STORE=kurrentdb' });
    }
  });

export type VigilConfig = z.infer<typeof ConfigSchema>;
