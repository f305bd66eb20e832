import type { BenchOptions } from '../options';
import type { FigureId } from '../budget';
import type { RunningService } from '../harness/service';
import type { Progress } from '../report/progress';

export const STAGE_IDS = ['copy', 'kafka', 'ingest', 'relay', 'project', 'rebuild', 'freshness', 'query', 'dashboard'] as const;
export type StageId = (typeof STAGE_IDS)[number];

export interface StageContext {
  readonly options: BenchOptions;
  readonly databaseUrl: string;
  readonly kafkaBrokers: string;
  /** VIGIL_NAMESPACE of this run: prefix of every topic it creates. */
  readonly namespace: string;
  /** The all-in-one service, started on first use. */
  service(): Promise<RunningService>;
  readonly progress: Progress;
}

export interface StageOutcome {
  readonly figures: Partial<Record<FigureId, number>>;
  /** Counts and facts worth keeping beside the figures (events appended, rejected, ...). */
  readonly details?: Record<string, unknown>;
  /** Set when the stage ran but its result cannot be trusted; the run then fails. */
  readonly problem?: string;
  /** Figures the stage could not measure at all, each with the reason (also in `problem`). */
  readonly notMeasured?: Partial<Record<FigureId, string>>;
}

export interface Stage {
  readonly id: StageId;
  readonly title: string;
  /** The figures it measures, reported as `not implemented yet` until `run` exists. */
  readonly figures: readonly FigureId[];
  /**
   * Ceiling stages run first, on an idle machine, before the service starts; `in-process` stages
   * run their part of Vigil inside the bench (or as the `vigil` command), so they need no service
   * (nor its memory figure).
   */
  readonly kind: 'ceiling' | 'service' | 'in-process';
  readonly run?: (context: StageContext) => Promise<StageOutcome>;
}
