import { z } from 'zod';
import { EXAMPLE_EVENTS } from '../examples';
import { EXAMPLE_CASE_LIST, CaseListAnswerSchema, CaseListQuerySchema } from './cases';
import { EXAMPLE_COMPARE, CompareAnswerSchema, CompareQuerySchema } from './compare';
import {
  DirectiveDetailAnswerSchema,
  DirectiveDetailQuerySchema,
  DirectiveListAnswerSchema,
  DirectiveListQuerySchema,
  DirectivePathSchema,
  EXAMPLE_DIRECTIVE_DETAIL,
  EXAMPLE_DIRECTIVE_LIST,
} from './directives';
import { EventBatchSchema, EXAMPLE_INGEST_ANSWER, IngestAnswerSchema } from './events';
import { EvidenceAnswerSchema, EvidencePathSchema, EvidenceQuerySchema, EXAMPLE_EVIDENCE } from './evidence';
import { EXAMPLE_LIVENESS, EXAMPLE_READINESS, LivenessAnswerSchema, ReadinessAnswerSchema } from './health';
import { EXAMPLE_HOTSPOT_LIST, HotspotListAnswerSchema, HotspotListQuerySchema } from './hotspots';
import { EXAMPLE_PROGRESS, ProgressAnswerSchema, ProgressQuerySchema } from './progress';
import { EXAMPLE_SERIES, SeriesAnswerSchema, SeriesQuerySchema } from './series';
import { EXAMPLE_STATS, StatsAnswerSchema, StatsQuerySchema } from './stats';
import {
  EXAMPLE_UNIT_DETAIL,
  EXAMPLE_UNIT_LIST,
  UnitDetailAnswerSchema,
  UnitDetailQuerySchema,
  UnitListAnswerSchema,
  UnitListQuerySchema,
  UnitPathSchema,
} from './units';

/** Who calls an endpoint: the token's role, or anybody (health). */
export type Audience = 'upstream' | 'analyst' | 'operator' | 'public';

/** One endpoint of CONTRACT.md §5: what it takes and what it answers, as the schemas that validate both. */
export interface Endpoint {
  readonly operationId: string;
  readonly method: 'get' | 'post';
  /** OpenAPI form: `/v1/units/{unitId}`. */
  readonly path: string;
  readonly summary: string;
  readonly audience: Audience;
  readonly pathParameters?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: { readonly schema: z.ZodType; readonly examples: Readonly<Record<string, unknown>> };
  readonly answer: {
    readonly schema: z.ZodType;
    readonly example: unknown;
    readonly description: string;
    /** Default `application/json`. */
    readonly mediaType?: string;
  };
  /** Also served as `text/csv` (RFC 4180, a header row, nested figures as dotted column names). */
  readonly csv: boolean;
  /** The answer also comes with this status (readiness: 503 when a dependency is down). */
  readonly alsoAnswers?: number;
}

export const ENDPOINTS: readonly Endpoint[] = [
  {
    operationId: 'postEvents',
    method: 'post',
    path: '/v1/events',
    summary: 'Post one event envelope or an array of up to 1,000, applied in order',
    audience: 'upstream',
    body: {
      schema: EventBatchSchema,
      examples: {
        ...Object.fromEntries(Object.entries(EXAMPLE_EVENTS)),
        batch: [EXAMPLE_EVENTS.CaseOpened, EXAMPLE_EVENTS.ArrestMade, EXAMPLE_EVENTS.CaseCleared],
      },
    },
    answer: {
      schema: IngestAnswerSchema,
      example: EXAMPLE_INGEST_ANSWER,
      description: 'One result per event: appended, duplicate, or rejected with a business-rule code',
    },
    csv: false,
  },
  {
    operationId: 'listDirectives',
    method: 'get',
    path: '/v1/directives',
    summary: 'Directives an analyst may see, with their current targets',
    audience: 'analyst',
    query: DirectiveListQuerySchema,
    answer: { schema: DirectiveListAnswerSchema, example: EXAMPLE_DIRECTIVE_LIST, description: 'The directives' },
    csv: true,
  },
  {
    operationId: 'getDirective',
    method: 'get',
    path: '/v1/directives/{directiveId}',
    summary: 'A directive and every target, withdrawn ones too, each with its history',
    audience: 'analyst',
    pathParameters: DirectivePathSchema,
    query: DirectiveDetailQuerySchema,
    answer: { schema: DirectiveDetailAnswerSchema, example: EXAMPLE_DIRECTIVE_DETAIL, description: 'The directive' },
    csv: true,
  },
  {
    operationId: 'getDirectiveProgress',
    method: 'get',
    path: '/v1/directives/{directiveId}/progress',
    summary: 'How each target of a directive stands, for its own unit or for `unitId`',
    audience: 'analyst',
    pathParameters: DirectivePathSchema,
    query: ProgressQuerySchema,
    answer: { schema: ProgressAnswerSchema, example: EXAMPLE_PROGRESS, description: 'Progress of every current target' },
    csv: true,
  },
  {
    operationId: 'getTargetEvidence',
    method: 'get',
    path: '/v1/directives/{directiveId}/progress/{targetId}/evidence',
    summary: 'The facts behind one target’s figure, 500 a page, down to log positions',
    audience: 'analyst',
    pathParameters: EvidencePathSchema,
    query: EvidenceQuerySchema,
    answer: { schema: EvidenceAnswerSchema, example: EXAMPLE_EVIDENCE, description: 'A page of evidence' },
    csv: false,
  },
  {
    operationId: 'listUnits',
    method: 'get',
    path: '/v1/units',
    summary: 'The organisation tree on `at` as known at `asOf`: the analyst’s subtree and the path above its root',
    audience: 'analyst',
    query: UnitListQuerySchema,
    answer: { schema: UnitListAnswerSchema, example: EXAMPLE_UNIT_LIST, description: 'The units' },
    csv: true,
  },
  {
    operationId: 'getUnit',
    method: 'get',
    path: '/v1/units/{unitId}',
    summary: 'A unit with its path, children and parent history',
    audience: 'analyst',
    pathParameters: UnitPathSchema,
    query: UnitDetailQuerySchema,
    answer: { schema: UnitDetailAnswerSchema, example: EXAMPLE_UNIT_DETAIL, description: 'The unit' },
    csv: true,
  },
  {
    operationId: 'getUnitStats',
    method: 'get',
    path: '/v1/units/{unitId}/stats',
    summary: 'Figures of a unit and its sub-units over a date range, optionally per child',
    audience: 'analyst',
    pathParameters: UnitPathSchema,
    query: StatsQuerySchema,
    answer: { schema: StatsAnswerSchema, example: EXAMPLE_STATS, description: 'The figures' },
    csv: true,
  },
  {
    operationId: 'compareUnit',
    method: 'get',
    path: '/v1/units/{unitId}/compare',
    summary: 'CompStat: week, 28 days, month and year to date against the same dates a year earlier',
    audience: 'analyst',
    pathParameters: UnitPathSchema,
    query: CompareQuerySchema,
    answer: { schema: CompareAnswerSchema, example: EXAMPLE_COMPARE, description: 'The comparison' },
    csv: true,
  },
  {
    operationId: 'getUnitSeries',
    method: 'get',
    path: '/v1/units/{unitId}/series',
    summary: 'One figure by day, ISO week or month, every bucket of [from, to] present',
    audience: 'analyst',
    pathParameters: UnitPathSchema,
    query: SeriesQuerySchema,
    answer: { schema: SeriesAnswerSchema, example: EXAMPLE_SERIES, description: 'The series' },
    csv: true,
  },
  {
    operationId: 'listCases',
    method: 'get',
    path: '/v1/cases',
    summary: 'The case register of a unit’s subtree, by case id, paginated',
    audience: 'analyst',
    query: CaseListQuerySchema,
    answer: { schema: CaseListAnswerSchema, example: EXAMPLE_CASE_LIST, description: 'A page of cases' },
    csv: true,
  },
  {
    operationId: 'listHotspots',
    method: 'get',
    path: '/v1/hotspots',
    summary: 'The hotspot register of a unit’s subtree, by hotspot id, paginated',
    audience: 'analyst',
    query: HotspotListQuerySchema,
    answer: { schema: HotspotListAnswerSchema, example: EXAMPLE_HOTSPOT_LIST, description: 'A page of hotspots' },
    csv: true,
  },
  {
    operationId: 'getLiveness',
    method: 'get',
    path: '/health/live',
    summary: 'Liveness: the process answers',
    audience: 'public',
    answer: { schema: LivenessAnswerSchema, example: EXAMPLE_LIVENESS, description: 'Up' },
    csv: false,
  },
  {
    operationId: 'getReadiness',
    method: 'get',
    path: '/health/ready',
    summary: 'Readiness of the event store, Kafka, the read database and the consumers, each with its reason when down',
    audience: 'public',
    answer: { schema: ReadinessAnswerSchema, example: EXAMPLE_READINESS, description: 'Every check is up' },
    csv: false,
    alsoAnswers: 503,
  },
  {
    operationId: 'getMetrics',
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (operators)',
    audience: 'operator',
    answer: {
      schema: z.string().meta({ description: 'the Prometheus text exposition format' }),
      example:
        '# HELP vigil_ingest_events_total Events posted, by result\n# TYPE vigil_ingest_events_total counter\n' +
        'vigil_ingest_events_total{status="appended"} 48213\nvigil_ingest_events_total{status="duplicate"} 112\n',
      description: 'The metrics',
      mediaType: 'text/plain; version=0.0.4',
    },
    csv: false,
  },
];

/** The endpoint of an operation id; throws for an unknown one (a programming error). */
export function endpoint(operationId: string): Endpoint {
  const found = ENDPOINTS.find((candidate) => candidate.operationId === operationId);
  if (found === undefined) throw new Error(`no endpoint ${operationId}`);
  return found;
}
