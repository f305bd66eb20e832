import type { ApiClient } from './client';
import type {
  CaseItem,
  CompareAnswer,
  CompareFigure,
  DirectiveDetailAnswer,
  DirectiveListAnswer,
  EvidenceAnswer,
  Grain,
  HotspotItem,
  Page,
  ProgressAnswer,
  SeriesAnswer,
  StatsAnswer,
  UnitDetailAnswer,
} from './types';

/** The time controls: `at` is business time (a date), `asOf` knowledge time (a moment); absent means now. */
export interface TimeSelection {
  at?: string;
  asOf?: string;
}

const segment = encodeURIComponent;

/** One function per endpoint of CONTRACT §5 the dashboard reads; every one takes the time controls it accepts. */
export function endpoints(client: ApiClient) {
  return {
    /** The directives the analyst may see (scoped by the API), each with its current targets. */
    directives: (signal?: AbortSignal) => client.get<DirectiveListAnswer>('/v1/directives', {}, signal),

    directive: (directiveId: string, time: TimeSelection, signal?: AbortSignal) =>
      client.get<DirectiveDetailAnswer>(`/v1/directives/${segment(directiveId)}`, { asOf: time.asOf }, signal),

    /** Without `unitId`, each target for its own unit (or the analyst's root when it lies above it). */
    progress: (directiveId: string, unitId: string | undefined, time: TimeSelection, signal?: AbortSignal) =>
      client.get<ProgressAnswer>(
        `/v1/directives/${segment(directiveId)}/progress`,
        { unitId, at: time.at, asOf: time.asOf },
        signal,
      ),

    evidence: (
      query: { directiveId: string; targetId: string; unitId: string; cursor?: string | null },
      time: TimeSelection,
      signal?: AbortSignal,
    ) =>
      client.get<EvidenceAnswer>(
        `/v1/directives/${segment(query.directiveId)}/progress/${segment(query.targetId)}/evidence`,
        { unitId: query.unitId, at: time.at, asOf: time.asOf, cursor: query.cursor },
        signal,
      ),

    unit: (unitId: string, time: TimeSelection, signal?: AbortSignal) =>
      client.get<UnitDetailAnswer>(`/v1/units/${segment(unitId)}`, { at: time.at, asOf: time.asOf }, signal),

    /** `from`/`to` stand for "as at" here: stats take no `at`. */
    stats: (
      unitId: string,
      query: { from: string; to: string; breakdown?: 'children' },
      time: Pick<TimeSelection, 'asOf'>,
      signal?: AbortSignal,
    ) => client.get<StatsAnswer>(`/v1/units/${segment(unitId)}/stats`, { ...query, asOf: time.asOf }, signal),

    compare: (unitId: string, time: TimeSelection, signal?: AbortSignal) =>
      client.get<CompareAnswer>(`/v1/units/${segment(unitId)}/compare`, { at: time.at, asOf: time.asOf }, signal),

    /** `from`/`to` stand for "as at" here: series take no `at`. */
    series: (
      unitId: string,
      query: { figure: CompareFigure; grain: Grain; from: string; to: string },
      time: Pick<TimeSelection, 'asOf'>,
      signal?: AbortSignal,
    ) => client.get<SeriesAnswer>(`/v1/units/${segment(unitId)}/series`, { ...query, asOf: time.asOf }, signal),

    /** The registers show things as they are now: no time controls. */
    cases: (unitId: string, cursor: string | null, signal?: AbortSignal) =>
      client.get<Page<CaseItem>>('/v1/cases', { unitId, cursor }, signal),

    hotspots: (unitId: string, cursor: string | null, signal?: AbortSignal) =>
      client.get<Page<HotspotItem>>('/v1/hotspots', { unitId, cursor }, signal),
  };
}

export type Api = ReturnType<typeof endpoints>;
