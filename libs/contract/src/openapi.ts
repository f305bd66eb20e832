import { DOMAIN_REJECTION_CODES } from './rejection-codes';
import { EVENT_TYPES } from './envelope';
import { EXAMPLE_EVENTS } from './examples';
import { eventJsonSchemas, type JsonSchema } from './json-schema';
import { METRIC_NAMES } from './metrics';
import { CASE_CATEGORIES, COMPARATORS } from './vocabulary';

/** An OpenAPI 3.1 document as plain data (the platform serves it at /docs). */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly security: readonly Record<string, readonly string[]>[];
  readonly paths: Record<string, unknown>;
  readonly components: { readonly securitySchemes: Record<string, unknown>; readonly schemas: Record<string, JsonSchema> };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const pathParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const query = (name: string, description: string, schema: JsonSchema = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const pageParameters = [
  query('cursor', 'opaque, the `nextCursor` of the previous page'),
  query('limit', 'items per page', { type: 'integer', minimum: 1, maximum: 500, default: 100 }),
];
const READ_ERRORS = {
  '400': problem('Invalid parameters (VALIDATION_FAILED), each with its parameter name'),
  '401': problem('No valid token'),
  '403': problem('Out of role (ROLE_NOT_ALLOWED) or of the token’s unit scope (OUT_OF_SCOPE)'),
};

function withoutDialect(schema: JsonSchema): JsonSchema {
  const copy = { ...schema };
  delete copy.$schema;
  return copy;
}

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details with Vigil’s stable code and the path of each problem.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', examples: ['VALIDATION_FAILED', 'OUT_OF_SCOPE', 'PAYLOAD_TOO_LARGE'] },
    detail: { type: 'string' },
    instance: { type: 'string' },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message', 'code'],
        properties: {
          path: { type: 'string', examples: ['/3/data/persons'] },
          message: { type: 'string' },
          code: { type: 'string' },
        },
      },
    },
  },
};

const RESULT_SCHEMA: JsonSchema = {
  oneOf: [
    {
      type: 'object',
      required: ['eventId', 'status', 'streamId', 'revision', 'position'],
      properties: {
        eventId: { type: 'string', format: 'uuid' },
        status: { enum: ['appended', 'duplicate'] },
        streamId: { type: 'string', examples: ['case-LC-2024-000123'] },
        revision: { type: 'integer', minimum: 0 },
        position: { type: 'integer', minimum: 1 },
      },
    },
    {
      type: 'object',
      required: ['eventId', 'status', 'code', 'message'],
      properties: {
        eventId: { type: 'string', format: 'uuid' },
        status: { const: 'rejected' },
        code: { enum: [...DOMAIN_REJECTION_CODES, 'EVENT_ID_CONFLICT', 'OUT_OF_SCOPE'] },
        message: { type: 'string' },
      },
    },
  ],
};

const TARGET_PROGRESS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    targetId: { type: 'string' },
    unitId: { type: 'string' },
    metric: { enum: METRIC_NAMES },
    filter: { type: 'object' },
    comparator: { enum: COMPARATORS },
    value: { type: 'number' },
    periodStart: { type: 'string', format: 'date' },
    periodEnd: { type: 'string', format: 'date' },
    actual: { type: ['number', 'null'] },
    numerator: { type: ['number', 'null'] },
    denominator: { type: ['number', 'null'] },
    attainmentPct: { type: ['number', 'null'] },
    status: { enum: ['achieved', 'on_track', 'at_risk', 'missed'] },
  },
};

const count = { type: 'integer', minimum: 0 };
const UNIT_STATS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    unitId: { type: 'string' },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    casesOpened: count,
    casesCleared: count,
    casesProsecuted: count,
    personsArrested: count,
    defendants: count,
    weaponsCollected: count,
    hotspots: {
      type: 'object',
      properties: { identified: count, listed: count, transformed: count, relapsed: count, eliminated: count },
    },
    incidents: { type: 'object', properties: { count, deaths: count, injuries: count } },
  },
};

const page = (description: string) => ({
  '200': {
    description,
    content: json({
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object' } }, nextCursor: { type: ['string', 'null'] } },
    }),
  },
  ...READ_ERRORS,
});

const INGEST_PATHS = {
  '/v1/events': {
    post: {
      summary: 'Post one event envelope or an array of up to 1,000, applied in order',
      tags: ['ingest'],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { oneOf: [ref('Envelope'), { type: 'array', minItems: 1, maxItems: 1000, items: ref('Envelope') }] },
            examples: Object.fromEntries(EVENT_TYPES.map((type) => [type, { value: EXAMPLE_EVENTS[type] }])),
          },
        },
      },
      responses: {
        '200': {
          description: 'One result per event: appended, duplicate, or rejected with a business-rule code',
          content: json({ type: 'object', properties: { results: { type: 'array', items: ref('IngestResult') } } }),
        },
        '400': problem(
          'Schema errors (nothing stored): VALIDATION_FAILED, MALFORMED_JSON, TOO_MANY_EVENTS, EMPTY_BATCH, DUPLICATE_EVENT_ID',
        ),
        '401': problem('No valid token'),
        '403': problem('Out of role (ROLE_NOT_ALLOWED) or, for a single event, out of the token’s unit scope (OUT_OF_SCOPE)'),
        '413': problem('Body larger than the limit'),
      },
    },
  },
};

function queryPaths() {
  const asOf = query('asOf', 'a timestamp, or a date meaning the end of that day: only what had been recorded by then');
  const unitId = query('unitId', 'a unit; its whole subtree is included');
  return {
    '/v1/directives': {
      get: {
        summary: 'Directives with their targets',
        tags: ['query'],
        responses: {
          '200': { description: 'Directives', content: json({ type: 'array', items: { type: 'object' } }) },
          ...READ_ERRORS,
        },
      },
    },
    '/v1/directives/{directiveId}/progress': {
      get: {
        summary: 'How each target of a directive stands, for its own unit or for `unitId`',
        tags: ['query'],
        parameters: [pathParameter('directiveId'), unitId, asOf],
        responses: {
          '200': {
            description: 'Progress of every target',
            content: json({
              type: 'object',
              properties: {
                directiveId: { type: 'string' },
                code: { type: 'string' },
                asOf: { type: 'string' },
                targets: { type: 'array', items: ref('TargetProgress') },
              },
            }),
          },
          '404': problem('Unknown directive'),
          ...READ_ERRORS,
        },
      },
    },
    '/v1/units/{unitId}/stats': {
      get: {
        summary: 'Figures of a unit and its sub-units over a date range',
        tags: ['query'],
        parameters: [
          pathParameter('unitId'),
          query('from', 'first date, inclusive', { type: 'string', format: 'date' }),
          query('to', 'last date, inclusive', { type: 'string', format: 'date' }),
          query('category', 'case category', { enum: CASE_CATEGORIES }),
          asOf,
        ],
        responses: {
          '200': { description: 'Figures', content: json(ref('UnitStats')) },
          '404': problem('Unknown unit'),
          ...READ_ERRORS,
        },
      },
    },
    '/v1/cases': {
      get: {
        summary: 'Case register, paginated',
        tags: ['query'],
        parameters: [
          unitId,
          query('status', 'case status', { enum: ['open', 'cleared', 'prosecuted', 'voided'] }),
          query('category', 'case category', { enum: CASE_CATEGORIES }),
          ...pageParameters,
        ],
        responses: page('A page of cases'),
      },
    },
    '/v1/hotspots': {
      get: {
        summary: 'Hotspot register, paginated',
        tags: ['query'],
        parameters: [
          unitId,
          query('status', 'hotspot status', { enum: ['identified', 'listed', 'transformed', 'relapsed', 'eliminated'] }),
          ...pageParameters,
        ],
        responses: page('A page of hotspots'),
      },
    },
  };
}

const OPS_PATHS = {
  '/health/live': {
    get: { summary: 'Liveness', tags: ['ops'], security: [], responses: { '200': { description: 'The process is up' } } },
  },
  '/health/ready': {
    get: {
      summary: 'Readiness of the event store, Kafka and the read database, each with its reason when down',
      tags: ['ops'],
      security: [],
      responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready' } },
    },
  },
  '/metrics': {
    get: {
      summary: 'Prometheus metrics (operator)',
      tags: ['ops'],
      responses: { '200': { description: 'Prometheus text format' } },
    },
  },
};

/** The OpenAPI 3.1 document of CONTRACT.md §5 served at /docs, its event schemas generated from the zod schemas. */
export function buildOpenApi(): OpenApiDocument {
  const { events } = eventJsonSchemas();
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigil',
      version: '1.0.0',
      description:
        'Event-sourced tracking of public-security directives and their targets. Every request but /health and /docs carries `Authorization: Bearer <JWT>` (HS256; claims `role` and `unit`).',
    },
    security: [{ bearer: [] }],
    paths: { ...INGEST_PATHS, ...queryPaths(), ...OPS_PATHS },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Envelope: { oneOf: EVENT_TYPES.map(ref), discriminator: { propertyName: 'type' } },
        ...Object.fromEntries(EVENT_TYPES.map((type) => [type, withoutDialect(events[type])])),
        IngestResult: RESULT_SCHEMA,
        Problem: PROBLEM_SCHEMA,
        TargetProgress: TARGET_PROGRESS_SCHEMA,
        UnitStats: UNIT_STATS_SCHEMA,
      },
    },
  };
}
