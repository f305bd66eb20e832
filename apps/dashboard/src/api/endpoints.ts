import type { ApiClient } from './client';
import type {
  CaseItem,
  CompareAnswer,
  CompareFigure,
  DirectiveDetail,
  DirectiveProgress,
  DirectivesAnswer,
  EvidencePage,
  Grain,
  HotspotItem,
  Page,
  SeriesAnswer,
  UnitDetail,
  UnitStats,
} from './types';

/** The time controls: `at` is business time (a date), `asOf` knowledge time (a moment); absent means now. */
export interface TimeSelection {
  at?: string;
  asOf?: string;
}

const segment = encodeURIComponent;

/** One function per endpoint of CONTRACT §5 the dashboard reads. */
export function endpoints(client: ApiClient) {
  return {
    directives: (signal?: AbortSignal) => client.get<DirectivesAnswer>('/v1/directives', {}, signal),

    directive: (directiveId: string, time: TimeSelection, signal?: AbortSignal) =>
      client.get<DirectiveDetail>(`/v1/directives/${segment(directiveId)}`, { asOf: time.asOf }, signal),

    progress: (directiveId: string, unitId: string, time: TimeSelection, signal?: AbortSignal) =>
      client.get<DirectiveProgress>(
        `/v1/directives/${segment(directiveId)}/progress`,
        { unitId, at: time.at, asOf: time.asOf },
        signal,
      ),

    evidence: (
      query: { directiveId: string; targetId: string; unitId: string; cursor?: string | null },
      time: TimeSelection,
      signal?: AbortSignal,
    ) =>
      client.get<EvidencePage>(
        `/v1/directives/${segment(query.directiveId)}/progress/${segment(query.targetId)}/evidence`,
        { unitId: query.unitId, at: time.at, asOf: time.asOf, cursor: query.cursor },
        signal,
      ),

    unit: (unitId: string, time: TimeSelection, signal?: AbortSignal) =>
      client.get<UnitDetail>(`/v1/units/${segment(unitId)}`, { at: time.at, asOf: time.asOf }, signal),

    stats: (
      unitId: string,
      query: { from: string; to: string; breakdown?: 'children' },
      time: TimeSelection,
      signal?: AbortSignal,
    ) => client.get<UnitStats>(`/v1/units/${segment(unitId)}/stats`, { ...query, asOf: time.asOf }, signal),

    compare: (unitId: string, time: TimeSelection, signal?: AbortSignal) =>
      client.get<CompareAnswer>(`/v1/units/${segment(unitId)}/compare`, { at: time.at, asOf: time.asOf }, signal),

    series: (
      unitId: string,
      query: { figure: CompareFigure; grain: Grain; from: string; to: string },
      time: TimeSelection,
      signal?: AbortSignal,
    ) => client.get<SeriesAnswer>(`/v1/units/${segment(unitId)}/series`, { ...query, asOf: time.asOf }, signal),

    cases: (unitId: string, cursor: string | null, signal?: AbortSignal) =>
      client.get<Page<CaseItem>>('/v1/cases', { unitId, cursor }, signal),

    hotspots: (unitId: string, cursor: string | null, signal?: AbortSignal) =>
      client.get<Page<HotspotItem>>('/v1/hotspots', { unitId, cursor }, signal),
  };
}

export type Api = ReturnType<typeof endpoints>;
