import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './vigil-under-test';

const ROOT = join(__dirname, '..', '..');

/** A JSON log line of the service. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

/** The all-in-one service as its own process, run from the sources as `npm start` runs its build. */
export interface ServiceProcess {
  url: string;
  /** Every line it wrote to stdout, parsed (a line that is not JSON is kept as `{ level: 0, msg }`). */
  lines(): LogLine[];
  stderr(): string;
  /** SIGTERM; resolves with the signal that ended it, or its exit code. */
  stop(): Promise<string | number | null>;
}

/** Creates the database and applies the migrations, as `npm start` does before the service starts. */
export function prepareDatabase(databaseUrl: string): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'db.mjs')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`scripts/db.mjs failed:\n${result.stdout}${result.stderr}`);
}

export async function startServiceProcess(env: Record<string, string>, port: number): Promise<ServiceProcess> {
  const { NODE_OPTIONS: _jestFlags, ...inherited } = process.env;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--disable-warning=TimeoutNegativeWarning',
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(ROOT, 'apps', 'vigil', 'src', 'main.ts'),
    ],
    { cwd: ROOT, env: { ...inherited, CI: '1', VIGIL_PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out: string[] = [];
  let err = '';
  let pending = '';
  child.stdout!.on('data', (chunk) => {
    const text = pending + String(chunk);
    const complete = text.split('\n');
    pending = complete.pop()!;
    out.push(...complete.filter(Boolean));
  });
  child.stderr!.on('data', (chunk) => (err += String(chunk)));
  const exited = new Promise<string | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`the service exited ${child.exitCode}:\n${err}\n${out.join('\n')}`);
    return (await fetch(`${url}/health/ready`)).status === 200 ? true : undefined;
  }, 120_000);
  return {
    url,
    lines: () =>
      out.map((line) => {
        try {
          return JSON.parse(line) as LogLine;
        } catch {
          return { level: 0, msg: line };
        }
      }),
    stderr: () => err,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
