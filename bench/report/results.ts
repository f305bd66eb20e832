import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../harness/scripts';

function git(args: string[]): string | undefined {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The short commit, or `no-commit` in a repository without one; `-dirty` when files changed. */
export function commitLabel(): string {
  const commit = git(['rev-parse', '--short', 'HEAD']) ?? 'no-commit';
  return git(['status', '--porcelain', '--untracked-files=no'])?.length ? `${commit}-dirty` : commit;
}

export function machine(extra: Record<string, unknown>) {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model,
    memoryBytes: totalmem(),
    node: process.version,
    kernel: release(),
    ...extra,
  };
}

/** bench/results/<date>-<commit>[-quick].json; returns the path. */
export function writeResults(report: { date: string; commit: string; quick: boolean } & Record<string, unknown>): string {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = report.date.replace(/:/g, '').replace(/\.\d+Z$/, 'Z');
  const file = join(dir, `${stamp}-${report.commit}${report.quick ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
