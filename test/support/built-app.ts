import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');

/** The Nest apps `npm run build` writes to dist/apps/<app>/src/main.js, as docker-compose runs them. */
export type AppName = 'vigil' | 'ingest' | 'relay' | 'projector' | 'query';

/** One built app running as its own process, its stdout and stderr in `logFile`. */
export interface BuiltApp {
  /** e.g. `relay-2`. */
  readonly label: string;
  readonly pid: number;
  readonly url: string;
  readonly logFile: string;
  readonly alive: boolean;
  /** Sends the signal; resolves once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not stopped within 10 s. */
  stop(): Promise<void>;
  /** The last lines it wrote. */
  tail(lines?: number): string;
}

/** Builds the apps (one `nest build`) when dist is missing or older than the sources; CI's `npm run build` makes it a no-op. */
export async function ensureBuilt(apps: readonly AppName[]): Promise<void> {
  // Through a variable, so TypeScript leaves the import of the ES module script to Node.
  const script = pathToFileURL(join(ROOT, 'scripts', 'lib', 'build.mjs')).href;
  const { buildAppsIfStale } = (await import(script)) as {
    buildAppsIfStale(root: string, apps: readonly string[], say: (line: string) => void): string[];
  };
  buildAppsIfStale(ROOT, apps, (line) => process.stdout.write(`${line}\n`));
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Whatever ends the test run (a failure, a timeout, Ctrl-C), no app it started outlives it. */
const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of started) if (!hasExited(child)) child.kill('SIGKILL');
});

function tailOf(file: string, lines: number): string {
  try {
    const last = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines);
    return last.map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line)).join('\n');
  } catch {
    return '';
  }
}

/** Whether nothing listens on `port` on any address, as an app binding 0.0.0.0 needs. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/**
 * A free port below Linux's ephemeral range (32768–60999): an ephemeral one, free when probed, can be
 * taken by any process's outgoing connection or `listen(0)` (the apps' metrics servers) before the app binds it.
 */
async function freeFixedPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isFree(port)) return port;
  }
}

/** Starts `node dist/apps/<app>/src/main.js` on a free port with `env`; does not wait for readiness. */
export async function startBuiltApp(app: AppName, label: string, env: Record<string, string>, logDir: string): Promise<BuiltApp> {
  const port = await freeFixedPort();
  const logFile = join(logDir, `${label}.log`);
  const log = openSync(logFile, 'w');
  // The jest flags (--experimental-vm-modules) are not the service's.
  const { NODE_OPTIONS: _jestFlags, ...inherited } = process.env;
  const child = spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', join(ROOT, 'dist', 'apps', app, 'src', 'main.js')],
    {
      cwd: ROOT,
      env: { ...inherited, VIGIL_PORT: String(port), VIGIL_METRICS_PORT: '0', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  started.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve(void started.delete(child))));
  return {
    label,
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    logFile,
    get alive() {
      return !hasExited(child);
    },
    kill: async (signal) => {
      if (hasExited(child)) return;
      child.kill(signal);
      await exited;
    },
    stop: async () => {
      if (hasExited(child)) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
    tail: (lines = 25) => tailOf(logFile, lines),
  };
}

/** Resolves once `GET /health/ready` answers 200; fails early when the process dies, or after `timeoutMs` with its last answer. */
export async function waitUntilReady(app: BuiltApp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!app.alive) throw new Error(`${app.label} exited during start-up:\n${app.tail()}`);
    try {
      const response = await fetch(`${app.url}/health/ready`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `${response.status} ${(await response.text()).slice(0, 400)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${app.label} was not ready after ${timeoutMs / 1000} s (last answer: ${last}):\n${app.tail()}`);
}
