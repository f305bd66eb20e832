// Every answer the dashboard reads, as CONTRACT.md §5 (version 1.1) writes it. The one file to swap
// for the types inferred from the API's zod schemas in libs/contract once they exist.
import type { CaseCategory, CaseSeverity, Comparator, HotspotKind, IncidentKind, MetricName, UnitLevel } from '@vigil/contract';

export type { CaseCategory, CaseSeverity, Comparator, HotspotKind, MetricName, UnitLevel };

/** RFC 9457 problem details with Vigil's stable code. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code?: string;
  detail?: string;
  problems?: { path: string; message: string; code: string }[];
}

export interface TargetFilter {
  category?: CaseCategory;
  severity?: CaseSeverity[];
  hotspotKind?: HotspotKind;
  indicator?: string;
  kind?: IncidentKind;
}

// GET /v1/directives
export interface Target {
  targetId: string;
  unitId: string;
  metric: MetricName;
  filter: TargetFilter | null;
  comparator: Comparator;
  value: number;
  periodStart: string;
  periodEnd: string;
  baselineStart?: string | null;
  baselineEnd?: string | null;
}

export interface Directive {
  directiveId: string;
  code: string;
  title: string;
  issuedByUnitId: string;
  targets: Target[];
}

export interface DirectivesAnswer {
  directives: Directive[];
}

// GET /v1/directives/{directiveId}/progress
export type TargetStatus = 'achieved' | 'on_track' | 'at_risk' | 'missed';

export interface TargetProgress extends Omit<Target, 'baselineStart' | 'baselineEnd'> {
  actual: number | null;
  numerator: number | null;
  denominator: number | null;
  attainmentPct: number | null;
  status: TargetStatus;
  /** Indicator targets only (§4): leaf units with a reading in the period, out of how many. */
  coverage?: { reporting: number; units: number };
}

export interface DirectiveProgress {
  directiveId: string;
  code: string;
  asOf: string;
  targets: TargetProgress[];
}

// GET /v1/directives/{directiveId}
export interface TargetHistoryEntry {
  recordedAt: string;
  change: 'set' | 'revised' | 'withdrawn';
  value?: number | null;
  periodEnd?: string | null;
  reason?: string | null;
}

export interface DirectiveTarget extends Target {
  withdrawn?: { at: string; reason: string } | null;
  history: TargetHistoryEntry[];
}

export interface DirectiveDetail extends Omit<Directive, 'targets'> {
  targets: DirectiveTarget[];
}

// GET /v1/units, GET /v1/units/{unitId}
export interface UnitRef {
  unitId: string;
  name: string;
  level: UnitLevel;
}

export interface UnitSummary extends UnitRef {
  parentUnitId: string | null;
}

export interface UnitsAnswer {
  units: UnitSummary[];
}

export interface UnitDetail extends UnitSummary {
  /** Root first, the unit itself not included. */
  path: UnitRef[];
  children: UnitRef[];
  parents: { parentUnitId: string | null; validFrom: string | null; recordedAt: string }[];
}

// GET /v1/units/{unitId}/stats
export interface StatsFigures {
  casesOpened: number;
  casesCleared: number;
  casesProsecuted: number;
  personsArrested: number;
  defendants: number;
  weaponsCollected: number;
  hotspots: { identified: number; listed: number; transformed: number; relapsed: number; eliminated: number };
  incidents: { count: number; deaths: number; injuries: number };
}

export interface UnitStats extends StatsFigures {
  unitId: string;
  from: string;
  to: string;
  /** With `breakdown=children`. */
  children?: (UnitRef & StatsFigures)[];
}

// GET /v1/units/{unitId}/compare
export type CompareWindow = 'week' | '28d' | 'month' | 'ytd';

export type CompareFigure =
  | 'casesOpened'
  | 'casesCleared'
  | 'clearanceRate'
  | 'casesProsecuted'
  | 'personsArrested'
  | 'weaponsCollected'
  | 'incidents'
  | 'deaths'
  | 'injuries'
  | 'hotspotsTransformed';

export type Basis = 'stood' | 'current';

export interface DateRange {
  from: string;
  to: string;
}

export interface WindowComparison {
  current: number;
  previous: number;
  change: number;
  changePct: number | null;
  z: number | null;
  flag: 'up' | 'down' | null;
}

export type CompareRow = { figure: CompareFigure } & Record<CompareWindow, WindowComparison>;

export interface CompareAnswer {
  unitId: string;
  name: string;
  at: string;
  asOf: string;
  basis: Basis;
  windows: Record<CompareWindow, { current: DateRange; previous: DateRange }>;
  rows: CompareRow[];
}

// GET /v1/units/{unitId}/series
export type Grain = 'day' | 'week' | 'month';

export interface SeriesAnswer {
  unitId: string;
  figure: CompareFigure;
  grain: Grain;
  points: { bucket: string; value: number }[];
}

// GET /v1/directives/{directiveId}/progress/{targetId}/evidence
export type EvidenceKind = 'case' | 'arrest' | 'hotspot' | 'weapons' | 'incident' | 'reading';

export interface EvidenceItem {
  kind: EvidenceKind;
  id: string;
  unitId: string;
  occurredAt: string;
  recordedAt: string;
  positions: number[];
  numerator: number;
  denominator: number;
}

export interface EvidencePage {
  targetId: string;
  unitId: string;
  numerator: number | null;
  denominator: number | null;
  items: EvidenceItem[];
  nextCursor: string | null;
}

// GET /v1/cases, GET /v1/hotspots (registers, paginated)
export type CaseStatus = 'open' | 'cleared' | 'prosecuted' | 'voided';
export type HotspotStatus = 'identified' | 'listed' | 'transformed' | 'relapsed' | 'eliminated';

export interface CaseItem {
  caseId: string;
  unitId: string;
  category: CaseCategory;
  severity: CaseSeverity;
  status: CaseStatus;
  openedAt: string;
  clearedAt: string | null;
  prosecutedAt: string | null;
  voidedAt: string | null;
  arrests: number;
  persons: number;
  defendants: number;
}

export interface HotspotItem {
  hotspotId: string;
  unitId: string;
  kind: HotspotKind;
  name: string;
  status: HotspotStatus;
  identifiedAt: string;
  listedYears: number[];
  transformedAt: string | null;
  relapsedAt: string | null;
  eliminatedAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
