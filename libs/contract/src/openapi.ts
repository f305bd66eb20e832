import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { CaseListAnswerSchema } from './api/cases';
import { CompareAnswerSchema } from './api/compare';
import { DirectiveDetailAnswerSchema, DirectiveListAnswerSchema } from './api/directives';
import { ENDPOINTS, type Endpoint } from './api/endpoints';
import { IngestAnswerSchema } from './api/events';
import { EvidenceAnswerSchema } from './api/evidence';
import { EXAMPLE_NOT_READY, LivenessAnswerSchema, ReadinessAnswerSchema } from './api/health';
import { HotspotListAnswerSchema } from './api/hotspots';
import { ProblemDetailsSchema, type ProblemDetailsAnswer } from './api/problem';
import { ProgressAnswerSchema } from './api/progress';
import { SeriesAnswerSchema } from './api/series';
import { StatsAnswerSchema } from './api/stats';
import { UnitDetailAnswerSchema, UnitListAnswerSchema } from './api/units';
import { ENVELOPE_SCHEMAS, EVENT_TYPES, EventEnvelopeSchema } from './envelope';
import { TargetFilterSchema } from './events/directives';

export type OpenApiDocument = ReturnType<typeof createDocument>;

const DESCRIPTION = `Vigil tracks public-security directives and their targets per unit of the organisation tree
(CONTRACT.md, version 1.1). Every request but \`/health/*\` and \`/docs\` carries \`Authorization: Bearer <JWT>\`
(HS256, claims \`role\` — upstream, analyst or operator — and \`unit\`, the root of its scope, and \`exp\`).
Errors are RFC 9457 problem details with a stable \`code\` and, for bad input, the path of each problem.
Query parameters are strict: an unknown one is \`400 UNKNOWN_PARAMETER\` naming it. Every \`GET /v1/…\` answer
but evidence is also served as CSV with \`Accept: text/csv\`.`;

/** Named components: each zod schema becomes a `$ref` wherever the document uses it. */
const SCHEMA_COMPONENTS = {
  Envelope: EventEnvelopeSchema,
  ...Object.fromEntries(EVENT_TYPES.map((type) => [type, ENVELOPE_SCHEMAS[type]])),
  TargetFilter: TargetFilterSchema,
  Problem: ProblemDetailsSchema,
  IngestAnswer: IngestAnswerSchema,
  DirectiveList: DirectiveListAnswerSchema,
  DirectiveDetail: DirectiveDetailAnswerSchema,
  DirectiveProgress: ProgressAnswerSchema,
  Evidence: EvidenceAnswerSchema,
  UnitList: UnitListAnswerSchema,
  UnitDetail: UnitDetailAnswerSchema,
  UnitStats: StatsAnswerSchema,
  Compare: CompareAnswerSchema,
  Series: SeriesAnswerSchema,
  CasePage: CaseListAnswerSchema,
  HotspotPage: HotspotListAnswerSchema,
  Liveness: LivenessAnswerSchema,
  Readiness: ReadinessAnswerSchema,
};

const problemExample = (status: number, code: string, title: string, detail: string, instance: string): ProblemDetailsAnswer => ({
  type: `urn:vigil:problem:${code.toLowerCase().replace(/_/g, '-')}`,
  title,
  status,
  code,
  detail,
  instance,
});

function problemResponse(
  id: string,
  description: string,
  examples: Record<string, ProblemDetailsAnswer>,
  headers?: z.ZodObject,
): ZodOpenApiResponseObject {
  return {
    id,
    description,
    content: {
      'application/problem+json': {
        schema: ProblemDetailsSchema,
        examples: Object.fromEntries(Object.entries(examples).map(([name, value]) => [name, { value }])),
      },
    },
    ...(headers ? { headers } : {}),
  };
}

const RESPONSES = {
  invalidParameters: problemResponse(
    'InvalidParameters',
    'An unknown query parameter (`UNKNOWN_PARAMETER`) or a malformed parameter (`VALIDATION_FAILED`); each problem names its parameter',
    {
      unknownParameter: {
        ...problemExample(
          400,
          'UNKNOWN_PARAMETER',
          'Invalid request',
          'The query parameters are not valid.',
          '/v1/units/VN-LCI/stats',
        ),
        problems: [{ path: 'severty', message: 'is not a parameter of this endpoint', code: 'UNKNOWN_PARAMETER' }],
      },
      malformedParameter: {
        ...problemExample(
          400,
          'VALIDATION_FAILED',
          'Invalid request',
          'The query parameters are not valid.',
          '/v1/units/VN-LCI/stats',
        ),
        problems: [
          { path: 'from', message: 'must be a calendar date YYYY-MM-DD that exists, e.g. 2024-03-01', code: 'invalid_format' },
        ],
      },
    },
  ),
  invalidEvents: problemResponse(
    'InvalidEvents',
    'Nothing was stored: a schema error (`VALIDATION_FAILED`, each problem with the JSON Pointer of its field), ' +
      '`MALFORMED_JSON`, a body that cannot be decoded (bad gzip, bad UTF-8), `EMPTY_BATCH`, `TOO_MANY_EVENTS` or `DUPLICATE_EVENT_ID`',
    {
      validationFailed: {
        ...problemExample(400, 'VALIDATION_FAILED', 'Invalid request', 'Nothing was stored.', '/v1/events'),
        problems: [
          { path: '/3/data/persons', message: 'must be a whole number from 1 to 1,000,000', code: 'too_big' },
          {
            path: '/7/data/reason',
            message: 'must not contain control characters (U+0000–U+001F, U+007F–U+009F); it holds U+0000 at character 5',
            code: 'invalid_format',
          },
        ],
      },
    },
  ),
  unauthorized: problemResponse(
    'Unauthorized',
    'No valid token (missing, malformed, badly signed or expired)',
    { unauthenticated: problemExample(401, 'UNAUTHENTICATED', 'Unauthenticated', 'The token has expired.', '/v1/directives') },
    z.object({
      'WWW-Authenticate': z.string().meta({ description: 'the scheme to authenticate with', examples: ['Bearer realm="vigil"'] }),
    }),
  ),
  forbidden: problemResponse('Forbidden', 'Out of role (`ROLE_NOT_ALLOWED`) or out of the token’s unit scope (`OUT_OF_SCOPE`)', {
    outOfScope: problemExample(403, 'OUT_OF_SCOPE', 'Forbidden', 'VN-HNI is not under VN-LCI.', '/v1/units/VN-HNI/stats'),
  }),
  notFound: problemResponse(
    'NotFound',
    'An unknown unit (`UNIT_NOT_FOUND`), directive (`DIRECTIVE_NOT_FOUND`) or target (`TARGET_NOT_FOUND`)',
    {
      unitNotFound: problemExample(404, 'UNIT_NOT_FOUND', 'Not found', 'No unit VN-LCI-XYZ.', '/v1/units/VN-LCI-XYZ/stats'),
    },
  ),
  notAcceptable: problemResponse('NotAcceptable', 'An `Accept` Vigil cannot serve', {
    notAcceptable: problemExample(
      406,
      'NOT_ACCEPTABLE',
      'Not acceptable',
      'Vigil serves application/json and text/csv.',
      '/v1/units',
    ),
  }),
  tooLarge: problemResponse('PayloadTooLarge', 'The body is larger than the limit', {
    tooLarge: problemExample(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', 'The body is larger than 5 MiB.', '/v1/events'),
  }),
  unsupportedMediaType: problemResponse(
    'UnsupportedMediaType',
    'A body that is not `application/json` (or an unknown `Content-Encoding`)',
    {
      unsupported: problemExample(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Unsupported media type',
        'Send application/json.',
        '/v1/events',
      ),
    },
  ),
  unavailable: problemResponse(
    'Unavailable',
    'A dependency (the database, the event store) is out of reach; try again after `Retry-After` seconds',
    {
      unavailable: problemExample(
        503,
        'UNAVAILABLE',
        'Service unavailable',
        'The read database does not answer.',
        '/v1/directives',
      ),
      databaseUnavailable: problemExample(
        503,
        'DATABASE_UNAVAILABLE',
        'Database unavailable',
        'The database cannot be reached right now; retry in 2 s.',
        '/v1/events',
      ),
      readModelNotReady: problemExample(
        503,
        'READ_MODEL_NOT_READY',
        'Read model not ready',
        'The figures are being prepared (first start, or a rebuild of a new code version); retry in 2 s.',
        '/v1/units',
      ),
    },
    z.object({ 'Retry-After': z.string().meta({ description: 'seconds to wait', examples: ['5'] }) }),
  ),
} satisfies Record<string, ZodOpenApiResponseObject>;

const CSV_SCHEMA = z.string().meta({
  description:
    'RFC 4180, UTF-8, a header row; nested figures become dotted column names (`hotspots.transformed`, `ytd.changePct`)',
});

function successResponses(endpoint: Endpoint): ZodOpenApiResponsesObject {
  const { answer } = endpoint;
  const content: NonNullable<ZodOpenApiResponseObject['content']> = {
    [answer.mediaType ?? 'application/json']: { schema: answer.schema, examples: { default: { value: answer.example } } },
    ...(endpoint.csv ? { 'text/csv': { schema: CSV_SCHEMA } } : {}),
  };
  const responses: ZodOpenApiResponsesObject = { '200': { description: answer.description, content } };
  if (endpoint.alsoAnswers === 503) {
    responses['503'] = {
      description: 'A dependency is down: each check with its reason',
      content: { 'application/json': { schema: answer.schema, examples: { down: { value: EXAMPLE_NOT_READY } } } },
    };
  }
  return responses;
}

/** Takes a unit or directive (in the path or as `unitId` / `parentUnitId`): an unknown one is a 404. */
function namesAnything(endpoint: Endpoint): boolean {
  const queryNames = Object.keys(endpoint.query?.shape ?? {});
  return endpoint.pathParameters !== undefined || queryNames.includes('unitId') || queryNames.includes('parentUnitId');
}

function errorResponses(endpoint: Endpoint): ZodOpenApiResponsesObject {
  if (endpoint.audience === 'public') return {};
  const api = endpoint.path.startsWith('/v1/');
  return {
    ...(endpoint.body ? { '400': RESPONSES.invalidEvents } : endpoint.query ? { '400': RESPONSES.invalidParameters } : {}),
    '401': RESPONSES.unauthorized,
    '403': RESPONSES.forbidden,
    ...(namesAnything(endpoint) ? { '404': RESPONSES.notFound } : {}),
    ...(api ? { '406': RESPONSES.notAcceptable } : {}),
    ...(endpoint.body ? { '413': RESPONSES.tooLarge, '415': RESPONSES.unsupportedMediaType } : {}),
    ...(api ? { '503': RESPONSES.unavailable } : {}),
  };
}

const TAGS = { upstream: 'upstream', analyst: 'analysts', operator: 'operations', public: 'operations' } as const;

function operation(endpoint: Endpoint): ZodOpenApiOperationObject {
  const requestParams = {
    ...(endpoint.pathParameters ? { path: endpoint.pathParameters } : {}),
    ...(endpoint.query && Object.keys(endpoint.query.shape).length > 0 ? { query: endpoint.query } : {}),
  };
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    tags: [TAGS[endpoint.audience]],
    ...(endpoint.audience === 'public' ? { security: [] } : {}),
    ...(Object.keys(requestParams).length > 0 ? { requestParams } : {}),
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: endpoint.body.schema,
                examples: Object.fromEntries(Object.entries(endpoint.body.examples).map(([name, value]) => [name, { value }])),
              },
            },
          },
        }
      : {}),
    responses: { ...successResponses(endpoint), ...errorResponses(endpoint) },
  };
}

/** The OpenAPI 3.1 document of CONTRACT.md §5, generated from the schemas that validate requests and shape answers. */
export function buildOpenApi(): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const endpoint of ENDPOINTS) paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method]: operation(endpoint) };
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Vigil', version: '1.1.0', description: DESCRIPTION },
    tags: [
      { name: 'upstream', description: 'Systems that post domain events' },
      { name: 'analysts', description: 'Figures, targets, registers (the dashboard reads only these)' },
      { name: 'operations', description: 'Health and metrics' },
    ],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: SCHEMA_COMPONENTS,
    },
  });
}
