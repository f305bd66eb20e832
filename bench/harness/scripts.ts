import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = join(__dirname, '..', '..');

/**
 * Loads one of the project's set-up scripts (ES modules shared with `npm start`/`npm test`). The
 * path goes through a variable so TypeScript leaves the import to Node; the caller names the shape.
 */
export async function importScript<T>(relativePath: string): Promise<T> {
  const url = pathToFileURL(join(ROOT, relativePath)).href;
  return (await import(url)) as T;
}

export interface InfrastructureScript {
  prepareInfrastructure(options: {
    databaseUrl: string;
    freshDatabase?: boolean;
  }): Promise<{ kafkaBrokers: string; release: () => Promise<void> }>;
}

export interface PostgresScript {
  withDefaultUser(databaseUrl: string): string;
}

export interface BuildScript {
  buildIfStale(root: string, app: string, say: (line: string) => void): string;
}

export interface KafkaScript {
  KAFKA_VERSION: string;
  defaultPort(): number;
  producerPerf(options: { port: number; records: number; recordSize: number; topic: string; echo?: boolean }): Promise<string>;
}

export interface ChromiumScript {
  ensureChromium(say: (line: string) => void): string;
}
