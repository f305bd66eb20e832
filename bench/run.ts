// `npm run bench` (`-- --quick`, `-- --stages ingest`): measures the figures of the performance
// budget (ARCHITECTURE.md) against a fresh `vigil_bench` database and the all-in-one service.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIGURES, type FigureId } from './budget';
import { Cleanup } from './harness/cleanup';
import { postgresVersion, prepareBenchInfrastructure } from './harness/infrastructure';
import { importScript, type KafkaScript } from './harness/scripts';
import { ServiceProcess } from './harness/service';
import { deleteNamespaceTopics } from './harness/topics';
import { parseBenchOptions, type BenchOptions } from './options';
import { Progress } from './report/progress';
import { commitLabel, machine, writeResults } from './report/results';
import { renderTable, type Row } from './report/table';
import { STAGES } from './stages';
import type { Stage, StageContext, StageOutcome } from './stages/stage';

interface StageResult {
  readonly stage: Stage;
  readonly status: 'ok' | 'failed' | 'not implemented yet';
  readonly outcome?: StageOutcome;
  readonly error?: string;
}

/** The stages asked for, with the ceilings their figures are compared with. */
function selectStages(options: BenchOptions): Stage[] {
  const wanted = new Set<string>(options.stages);
  for (const stage of STAGES.filter((s) => wanted.has(s.id))) {
    for (const figure of stage.figures) {
      const spec = FIGURES[figure];
      if ('ceiling' in spec) wanted.add(spec.ceiling);
    }
  }
  return STAGES.filter((stage) => wanted.has(stage.id));
}

async function runStage(stage: Stage, context: StageContext): Promise<StageResult> {
  if (!stage.run) {
    context.progress.say(`${stage.id}: not implemented yet`);
    return { stage, status: 'not implemented yet' };
  }
  context.progress.say(`${stage.id}: ${stage.title}`);
  try {
    const outcome = await stage.run(context);
    return { stage, status: outcome.problem ? 'failed' : 'ok', outcome, ...(outcome.problem ? { error: outcome.problem } : {}) };
  } catch (error) {
    return { stage, status: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}

/** The highest RSS of the run's service and of any service a stage ran for itself (its `memory.peak`). */
function peakOf(results: readonly StageResult[], servicePeakMiB: number | undefined): number | undefined {
  const peaks = [servicePeakMiB, ...results.map((r) => r.outcome?.figures['memory.peak'])].filter(
    (peak): peak is number => peak !== undefined && peak > 0,
  );
  return peaks.length > 0 ? Math.max(...peaks) : undefined;
}

function rowsOf(results: readonly StageResult[], peakMiB: number | undefined): Row[] {
  const rows: Row[] = results.flatMap(({ stage, status, outcome }) =>
    stage.figures.map((figure): Row => {
      const value = outcome?.figures[figure];
      if (value !== undefined && Number.isFinite(value)) return { figure, state: 'measured', value };
      if (outcome?.notMeasured?.[figure] !== undefined) return { figure, state: 'not measured' };
      return { figure, state: status === 'ok' ? 'failed' : status };
    }),
  );
  const measuredService = results.some((r) => r.stage.kind === 'service' && r.stage.run);
  if (measuredService)
    rows.push(
      peakMiB === undefined
        ? { figure: 'memory.peak', state: 'failed' }
        : { figure: 'memory.peak', state: 'measured', value: peakMiB },
    );
  return rows;
}

/** --quick proves the plumbing: every implemented stage ran and gave a positive number. */
function plumbingProblems(results: readonly StageResult[], rows: readonly Row[]): string[] {
  const problems = results.filter((r) => r.status === 'failed').map((r) => `${r.stage.id}: ${r.error}`);
  const implemented = new Set<FigureId>(results.filter((r) => r.stage.run).flatMap((r) => r.stage.figures));
  if (rows.some((row) => row.figure === 'memory.peak')) implemented.add('memory.peak');
  for (const row of rows) {
    // A figure not measured is explained by its stage's problem, above.
    if (row.state === 'not measured') continue;
    if (implemented.has(row.figure) && !(row.value !== undefined && row.value > 0)) problems.push(`${row.figure}: no number`);
  }
  return [...new Set(problems)];
}

async function writeReport(
  date: string,
  options: BenchOptions,
  databaseUrl: string,
  results: StageResult[],
  rows: Row[],
): Promise<string> {
  const { KAFKA_VERSION } = await importScript<KafkaScript>('scripts/kafka.mjs');
  return writeResults({
    date,
    commit: commitLabel(),
    quick: options.quick,
    machine: machine({ postgres: await postgresVersion(databaseUrl), kafka: KAFKA_VERSION }),
    options,
    figures: Object.fromEntries(rows.map((row) => [row.figure, { ...FIGURES[row.figure], state: row.state, value: row.value }])),
    stages: results.map(({ stage, status, outcome, error }) => ({ id: stage.id, status, error, details: outcome?.details })),
  });
}

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2));
  const progress = new Progress();
  const cleanup = new Cleanup();
  cleanup.onSignals((line) => progress.say(line));
  const date = new Date().toISOString();
  const namespace = `bench-${date.replace(/\D/g, '').slice(0, 14)}`;
  const stages = selectStages(options);
  progress.say(`${options.quick ? 'quick run' : 'full run'} of ${stages.map((s) => s.id).join(', ')}; namespace ${namespace}`);

  let problems: string[];
  try {
    const infrastructure = await prepareBenchInfrastructure();
    cleanup.add('release the infrastructure', () => infrastructure.release());
    const { databaseUrl, kafkaBrokers } = infrastructure;
    cleanup.add('delete the topics of this run', async () => {
      const deleted = await deleteNamespaceTopics(kafkaBrokers, namespace);
      if (deleted > 0) progress.say(`deleted ${deleted} topics of ${namespace}`);
    });
    const cpuProfileDir = options.cpuProfile ? join(tmpdir(), `${namespace}-profile`) : undefined;
    const service = new ServiceProcess({
      databaseUrl,
      kafkaBrokers,
      namespace,
      cpuProfileDir,
      say: (line) => progress.say(line),
    });
    if (cpuProfileDir)
      cleanup.add('point at the profile', async () => progress.say(`CPU profile of the service in ${cpuProfileDir}`));
    cleanup.add('stop the service', () => service.stop());
    const context: StageContext = { options, databaseUrl, kafkaBrokers, namespace, progress, service: () => service.start() };

    const results: StageResult[] = [];
    for (const stage of stages) {
      results.push(await runStage(stage, context));
      if (cleanup.interrupted) return 130;
    }
    service.started?.memory.stop();
    const rows = rowsOf(results, peakOf(results, service.started?.memory.peakMiB));
    process.stdout.write(`\n${renderTable(rows)}\n\n`);
    for (const failed of results.filter((r) => r.status === 'failed'))
      process.stdout.write(`✗ ${failed.stage.id}: ${failed.error}\n`);
    progress.say(`results written to ${await writeReport(date, options, databaseUrl, results, rows)}`);
    problems = results.some((r) => r.status === 'failed') || options.quick ? plumbingProblems(results, rows) : [];
  } finally {
    await cleanup.run();
  }

  if (problems.length > 0) {
    process.stderr.write(
      `bench: ${options.quick ? 'quick check failed' : 'failed'}:\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  if (options.quick) progress.say('quick check passed: every implemented stage ran and produced a number');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
