import { ConfigSchema, type VigilConfig, withDefaultUser } from './config.schema';

/** A missing or malformed setting: its message is the one line start-up prints before stopping. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the environment once; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): VigilConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = ConfigSchema.safeParse(present);
  if (result.success) return { ...result.data, DATABASE_URL: withDefaultUser(result.data.DATABASE_URL, env.PGUSER) };
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? 'configuration');
  if (present[name] === undefined) throw new ConfigError(`invalid configuration: ${name} is required (it is not set)`);
  const got = JSON.stringify(name.includes('SECRET') ? '***' : present[name]);
  throw new ConfigError(`invalid configuration: ${name} ${issue.message} (got ${got})`);
}

/** For a service's entry point: a bad configuration prints its one line and stops the process. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): VigilConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
