// Every answer the dashboard reads, as the API's zod schemas in libs/contract/src/api infer it: the
// dashboard is typed against the very schemas the server parses its answers with. Type imports only —
// the bundle carries no zod (eslint forbids a value import from here).
import type {
  CaseListAnswer,
  CompareAnswer,
  CompareCell,
  CompareRow,
  DirectiveDetailAnswer,
  DirectiveListAnswer,
  EvidenceAnswer,
  HotspotListAnswer,
  ProblemDetailsAnswer,
  ProgressAnswer,
  SeriesAnswer,
  StatsAnswer,
  UnitDetailAnswer,
  UnitListAnswer,
} from '@vigil/contract/api';

export type {
  CaseListAnswer,
  CompareAnswer,
  CompareCell,
  CompareRow,
  DirectiveDetailAnswer,
  DirectiveListAnswer,
  EvidenceAnswer,
  HotspotListAnswer,
  ProgressAnswer,
  SeriesAnswer,
  StatsAnswer,
  UnitDetailAnswer,
  UnitListAnswer,
};

// GET /v1/directives, GET /v1/directives/{directiveId}
export type Directive = DirectiveListAnswer['directives'][number];
export type Target = Directive['targets'][number];
export type DirectiveTarget = DirectiveDetailAnswer['targets'][number];
export type TargetChange = DirectiveTarget['history'][number];

// GET /v1/directives/{directiveId}/progress
export type TargetProgress = ProgressAnswer['targets'][number];
export type TargetStatus = TargetProgress['status'];
export type MetricName = TargetProgress['metric'];
export type Comparator = TargetProgress['comparator'];
export type TargetFilter = NonNullable<TargetProgress['filter']>;
export type Coverage = NonNullable<TargetProgress['coverage']>;

// GET /v1/directives/{directiveId}/progress/{targetId}/evidence
export type EvidenceItem = EvidenceAnswer['items'][number];
export type EvidenceKind = EvidenceItem['kind'];

// GET /v1/units/{unitId}
export type UnitRef = UnitDetailAnswer['path'][number];
export type UnitLevel = UnitRef['level'];

// GET /v1/units/{unitId}/stats
export type ChildStats = NonNullable<StatsAnswer['children']>[number];

// GET /v1/units/{unitId}/compare and /series
export type CompareFigure = CompareRow['figure'];
export type CompareWindow = keyof CompareAnswer['windows'];
export type SeriesPoint = SeriesAnswer['points'][number];
export type Grain = SeriesAnswer['grain'];

// GET /v1/cases, GET /v1/hotspots
export type CaseItem = CaseListAnswer['items'][number];
export type HotspotItem = HotspotListAnswer['items'][number];
export type CaseCategory = CaseItem['category'];
export type CaseSeverity = CaseItem['severity'];
export type HotspotKind = HotspotItem['kind'];
export type IncidentKind = NonNullable<TargetFilter['kind']>;

/** A page of a register or of evidence. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * What went wrong: the problem details the API answers (RFC 9457 with Vigil's code), or what the client
 * could tell without them (status 0: no answer at all; a body that was not problem details).
 */
export type Problem = Pick<ProblemDetailsAnswer, 'status'> & Partial<Omit<ProblemDetailsAnswer, 'status'>>;
