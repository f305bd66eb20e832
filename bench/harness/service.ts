import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySampler } from './memory';
import { ROOT, importScript, type BuildScript } from './scripts';
import { type Role, signToken } from './token';

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

export interface RunningService {
  readonly baseUrl: string;
  /** Operator, unit VN. */
  readonly token: string;
  /** A token of this service for another role or scope (an analyst of a province, ...). */
  tokenFor(role: Role, unit: string): Promise<string>;
  readonly pid: number;
  readonly memory: MemorySampler;
  readonly logFile: string;
}

export interface ServiceSettings {
  readonly databaseUrl: string;
  readonly kafkaBrokers: string;
  readonly namespace: string;
  readonly say: (line: string) => void;
  /** A directory for a V8 CPU profile of the service, written when it stops. */
  readonly cpuProfileDir?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function waitReady(child: ChildProcess, baseUrl: string, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(`the service exited during start-up (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the service was not ready after ${READY_TIMEOUT_MS / 1000} s (last answer: ${last}):\n${tail(logFile)}`);
}

/** The all-in-one service (`apps/vigil`) as a child process, built first when its output is stale. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private running: RunningService | undefined;
  private starting: Promise<RunningService> | undefined;

  constructor(private readonly settings: ServiceSettings) {}

  /** Starts it once; later calls get the same service, or the same start-up failure. */
  start(): Promise<RunningService> {
    this.starting ??= this.launch();
    return this.starting;
  }

  /** The service if it was started, for its memory figures. */
  get started(): RunningService | undefined {
    return this.running;
  }

  private async launch(): Promise<RunningService> {
    const { say } = this.settings;
    const { buildIfStale } = await importScript<BuildScript>('scripts/lib/build.mjs');
    const entry = buildIfStale(ROOT, 'vigil', say);
    const port = await freePort();
    const secret = randomBytes(32).toString('base64url');
    const logFile = join(tmpdir(), `${this.settings.namespace}-service.log`);
    const log = openSync(logFile, 'w');
    const profile = this.settings.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${this.settings.cpuProfileDir}`] : [];
    const child = spawn(process.execPath, [...profile, entry], {
      cwd: ROOT,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        DATABASE_URL: this.settings.databaseUrl,
        KAFKA_BROKERS: this.settings.kafkaBrokers,
        VIGIL_JWT_SECRET: secret,
        VIGIL_NAMESPACE: this.settings.namespace,
        VIGIL_PORT: String(port),
        VIGIL_METRICS_PORT: '0',
        LOG_LEVEL: 'warn',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
      },
    });
    closeSync(log);
    this.child = child;
    const baseUrl = `http://127.0.0.1:${port}`;
    say(`service pid ${child.pid} on ${baseUrl}, log ${logFile}`);
    await waitReady(child, baseUrl, logFile);
    this.running = {
      baseUrl,
      token: await signToken(secret, 'operator', 'VN'),
      tokenFor: (role, unit) => signToken(secret, role, unit),
      pid: child.pid!,
      memory: new MemorySampler(child.pid!),
      logFile,
    };
    return this.running;
  }

  /** SIGTERM, then SIGKILL if it does not stop in time. */
  async stop(): Promise<void> {
    this.running?.memory.stop();
    const child = this.child;
    if (!child || hasExited(child)) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  /** True while the child is alive: a crash mid-stage should fail the stage, not hang it. */
  get alive(): boolean {
    return this.child !== undefined && !hasExited(this.child);
  }
}
