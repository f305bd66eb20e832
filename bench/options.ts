import { parseGeneratorFlags } from './generator/flags';
import type { GeneratorOptions } from './generator';
import { STAGE_IDS, type StageId } from './stages/stage';

export interface BenchOptions {
  /** Small sizes; checks every implemented stage produced a number, never a speed. */
  readonly quick: boolean;
  readonly stages: readonly StageId[];
  readonly generator: GeneratorOptions;
  readonly batchSize: number;
  /** Requests in flight at once, each from a different upstream system. */
  readonly concurrency: number;
  readonly copyRows: number;
  readonly perfRecords: number;
  /** Stored events the relay stage publishes from position 0. */
  readonly relayEvents: number;
  /** Where autovacuum is off, ANALYZE the bench database after this many events (0: never). */
  readonly analyzeEvery: number;
  /** How long the freshness stage keeps up its steady load. */
  readonly freshnessSeconds: number;
  /** Writes a V8 CPU profile of the service (node --cpu-prof) when it stops. */
  readonly cpuProfile: boolean;
}

const FULL = { events: 1_000_000, copyRows: 500_000, perfRecords: 1_000_000, relayEvents: 200_000, freshnessSeconds: 60 };
const QUICK = { events: 20_000, copyRows: 100_000, perfRecords: 200_000, relayEvents: 20_000, freshnessSeconds: 5 };

export const USAGE = `usage: npm run bench -- [--quick] [--stages ${STAGE_IDS.join(',')}]
       [--events N] [--communes N] [--seed S] [--concurrency N] [--copy-rows N] [--perf-records N] [--relay-events N] [--freshness-seconds N] [--analyze-every N] [--cpu-prof]`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const switches = new Set(['--quick', '--cpu-prof']);
  const withValue = [
    '--stages',
    '--events',
    '--communes',
    '--seed',
    '--concurrency',
    '--copy-rows',
    '--perf-records',
    '--relay-events',
    '--freshness-seconds',
    '--analyze-every',
  ];
  const known = new Set([...switches, ...withValue]);
  for (let i = 0; i < argv.length; i += 1) {
    if (!known.has(argv[i]!)) throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
    if (!switches.has(argv[i]!)) i += 1;
  }
  const quick = argv.includes('--quick');
  const sizes = quick ? QUICK : FULL;
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const count = (flag: string, fallback: number) => {
    const raw = value(flag);
    const n = raw === undefined ? fallback : Number(raw.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < (flag === '--analyze-every' ? 0 : 1))
      throw new Error(`${flag} must be a positive integer, got ${raw}`);
    return n;
  };
  const stages = (value('--stages')?.split(',') ?? STAGE_IDS) as StageId[];
  const unknown = stages.filter((stage) => !STAGE_IDS.includes(stage));
  if (unknown.length > 0) throw new Error(`unknown stage ${unknown.join(', ')}; stages: ${STAGE_IDS.join(', ')}`);
  return {
    quick,
    stages,
    generator: parseGeneratorFlags(argv, { events: sizes.events, communes: 3_300, seed: 'vigil' }),
    batchSize: 500,
    concurrency: count('--concurrency', 4),
    copyRows: count('--copy-rows', sizes.copyRows),
    perfRecords: count('--perf-records', sizes.perfRecords),
    relayEvents: count('--relay-events', sizes.relayEvents),
    freshnessSeconds: count('--freshness-seconds', sizes.freshnessSeconds),
    cpuProfile: argv.includes('--cpu-prof'),
    analyzeEvery: count('--analyze-every', quick ? 5_000 : 100_000),
  };
}
