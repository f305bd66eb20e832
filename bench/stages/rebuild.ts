import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { MemorySampler } from '../harness/memory';
import { ROOT, importScript, type BuildScript } from '../harness/scripts';
import { waitServiceIdle } from '../harness/service-idle';
import { formatNumber } from '../report/progress';
import { storedEventsForRelay } from './relay-events';
import type { StageContext, StageOutcome } from './stage';

/**
 * `vigil projections rebuild --all`, the operators' own command as a child process, over the whole
 * log of the bench database (what ingest stored, or N generated events appended first): events/s
 * through every projection, and the command's peak RSS. The run's service, if it runs, is let
 * finish its backlog first, then stays up serving the live versions as in production.
 */
export async function rebuildStage(context: StageContext): Promise<StageOutcome> {
  const { progress } = context;
  await waitServiceIdle(context, progress, 'rebuild');
  const pool = new pg.Pool({ connectionString: context.databaseUrl, max: 1 });
  let events: number;
  try {
    await storedEventsForRelay(context, pool, context.options.generator.events);
    const { rows } = await pool.query<{ position: string }>('SELECT position FROM event_log_head');
    events = Number(rows[0]!.position);
  } finally {
    await pool.end();
  }

  const { buildIfStale } = await importScript<BuildScript>('scripts/lib/build.mjs');
  const entry = buildIfStale(ROOT, 'cli', (line) => progress.say(line));
  progress.say(`rebuild: vigil projections rebuild --all over ${formatNumber(events)} stored events`);
  const started = performance.now();
  const child = spawn(process.execPath, [entry, 'projections', 'rebuild', '--all'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: context.databaseUrl,
      KAFKA_BROKERS: context.kafkaBrokers,
      VIGIL_NAMESPACE: context.namespace,
      VIGIL_JWT_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
    },
  });
  const memory = new MemorySampler(child.pid!, 200);
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      progress.every(() => `rebuild: ${line}`);
    });
  const code = await new Promise<number>((resolve) => child.once('exit', (status) => resolve(status ?? 1)));
  const seconds = (performance.now() - started) / 1000;
  memory.stop();

  const rate = events / seconds;
  progress.say(
    `rebuild: ${formatNumber(events)} events in ${seconds.toFixed(1)} s (${formatNumber(rate)} events/s), ` +
      `command RSS peak ${formatNumber(memory.peakMiB)} MiB`,
  );
  const details = { events, seconds, exitCode: code, commandRssPeakMiB: memory.peakMiB, output: output.slice(-8) };
  if (code !== 0)
    return { figures: {}, details, problem: `vigil projections rebuild exited ${code}: ${output.slice(-3).join(' | ')}` };
  return { figures: { 'rebuild.rate': rate }, details };
}
