import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A port nothing listens on now (and, for the broker, the next one too: its controller's). */
export async function freePort(pairWithNext = false): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: taken } = server.address() as { port: number };
        server.close(() => resolve(taken));
      });
      server.on('error', reject);
    });
    if (!pairWithNext || port >= 65535) return port;
    const next = await new Promise<boolean>((resolve) => {
      const server = createServer().listen(port + 1, '127.0.0.1', () => server.close(() => resolve(true)));
      server.on('error', () => resolve(false));
    });
    if (next) return port;
  }
}

/** Runs `node scripts/kafka.mjs <command>` for a broker of its own; resolves with what it printed. */
function kafkaScript(command: 'start' | 'stop', env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'kafka.mjs'), command], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`kafka.mjs ${command} exited ${code}:\n${output}`)),
    );
  });
}

export interface FreshBroker {
  brokers: string;
  stop(): Promise<void>;
}

/**
 * A second single-node Kafka, started by the project's own script in a state directory of its
 * own: a freshly formatted log, no topic, no consumer group — what a new machine's first
 * `npm start` meets (the script's warm-up included).
 */
export async function startFreshBroker(): Promise<FreshBroker> {
  const port = await freePort(true);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-fresh-kafka-'));
  const { VIGIL_KAFKA_CONTROLLER_PORT: _shared, ...inherited } = process.env;
  const env = { ...inherited, VIGIL_KAFKA_PORT: String(port), VIGIL_KAFKA_DIR: dir };
  await kafkaScript('start', env);
  return {
    brokers: `127.0.0.1:${port}`,
    stop: async () => {
      await kafkaScript('stop', env);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
