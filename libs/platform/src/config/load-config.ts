import { ConfigSchema, type VigilConfig } from './config.schema';

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
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? 'configuration');
  const got =
    present[name] === undefined ? 'it is not set' : `got ${JSON.stringify(name.includes('SECRET') ? '***' : present[name])}`;
  throw new ConfigError(`invalid configuration: ${name} ${issue.message} (${got})`);
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
