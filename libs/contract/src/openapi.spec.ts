import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ENDPOINTS } from './api/endpoints';
import { EXAMPLE_NOT_READY } from './api/health';
import { EVENT_TYPES } from './envelope';
import { EXAMPLE_EVENTS } from './examples';
import { buildOpenApi } from './openapi';

type Json = Record<string, any>;
const document = buildOpenApi() as Json;
const operationOf = (path: string, method: string): Json => document.paths[path][method];

/** A JSON Pointer (RFC 6901) into the document. */
const pointer = (...segments: string[]) =>
  segments.map((segment) => '/' + segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('');

/** Validates values against the document's own schemas, as a client (or the e2e suite) would. */
function documentValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi');
  return (at: string, value: unknown) => {
    const valid = ajv.validate({ $ref: `openapi#${at}` }, value);
    return valid ? [] : (ajv.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  };
}

describe('buildOpenApi', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const validator = new Validator();
    const result = await validator.validate(buildOpenApi() as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every endpoint of CONTRACT.md §5 with a unique operation id', () => {
    const operations = Object.entries(document.paths as Json).flatMap(([path, item]) =>
      Object.entries(item as Json).map(
        ([method, operation]) => `${method.toUpperCase()} ${path} ${(operation as Json).operationId}`,
      ),
    );
    expect(operations).toEqual([
      'POST /v1/events postEvents',
      'GET /v1/directives listDirectives',
      'GET /v1/directives/{directiveId} getDirective',
      'GET /v1/directives/{directiveId}/progress getDirectiveProgress',
      'GET /v1/directives/{directiveId}/progress/{targetId}/evidence getTargetEvidence',
      'GET /v1/units listUnits',
      'GET /v1/units/{unitId} getUnit',
      'GET /v1/units/{unitId}/stats getUnitStats',
      'GET /v1/units/{unitId}/compare compareUnit',
      'GET /v1/units/{unitId}/series getUnitSeries',
      'GET /v1/cases listCases',
      'GET /v1/hotspots listHotspots',
      'GET /health/live getLiveness',
      'GET /health/ready getReadiness',
      'GET /metrics getMetrics',
    ]);
  });

  it('takes the parameters of each endpoint, the required ones required', () => {
    const parameters = (path: string) =>
      (operationOf(path, 'get').parameters as Json[]).map(
        (parameter) => `${parameter.in}:${parameter.name}${parameter.required ? '!' : ''}`,
      );
    expect(parameters('/v1/units/{unitId}/stats')).toEqual([
      'path:unitId!',
      'query:from!',
      'query:to!',
      'query:category',
      'query:severity',
      'query:breakdown',
      'query:asOf',
    ]);
    expect(parameters('/v1/units/{unitId}/series')).toEqual([
      'path:unitId!',
      'query:figure!',
      'query:grain',
      'query:from!',
      'query:to!',
      'query:category',
      'query:severity',
      'query:asOf',
      'query:basis',
    ]);
    expect(parameters('/v1/directives/{directiveId}/progress/{targetId}/evidence')).toEqual([
      'path:directiveId!',
      'path:targetId!',
      'query:unitId',
      'query:asOf',
      'query:at',
      'query:cursor',
    ]);
    expect(operationOf('/v1/directives', 'get').parameters).toBeUndefined();
  });

  it('takes one envelope or an array of 1 to 1,000, each event type a component with a discriminator', () => {
    const body = operationOf('/v1/events', 'post').requestBody;
    expect(body.required).toBe(true);
    expect(body.content['application/json'].schema).toEqual({
      anyOf: [
        { $ref: '#/components/schemas/Envelope' },
        { type: 'array', minItems: 1, maxItems: 1000, items: { $ref: '#/components/schemas/Envelope' } },
      ],
    });
    const envelope = document.components.schemas.Envelope;
    expect(envelope.oneOf).toHaveLength(20);
    expect(envelope.discriminator.mapping.CaseOpened).toBe('#/components/schemas/CaseOpened');
    for (const type of EVENT_TYPES) {
      expect(document.components.schemas[type]).toMatchObject({
        type: 'object',
        additionalProperties: false,
        required: ['eventId', 'type', 'occurredAt', 'data'],
        properties: { type: { const: type }, data: { type: 'object', additionalProperties: false } },
      });
    }
  });

  it('shows the bounds of 1.1 in the event schemas', () => {
    const data = (type: string) => document.components.schemas[type].properties.data.properties;
    expect(data('ArrestMade').persons).toMatchObject({ type: 'integer', minimum: 1, maximum: 1_000_000 });
    expect(data('IncidentRecorded').deaths).toMatchObject({ type: 'integer', minimum: 0, maximum: 100_000 });
    expect(data('IndicatorMeasured').value).toMatchObject({ type: 'number', minimum: 0, maximum: 1e15 });
    expect(data('IndicatorMeasured').denominator).toMatchObject({ type: 'number', exclusiveMinimum: 0, maximum: 1e15 });
    expect(data('UnitRegistered').name).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
  });

  it('serves CSV beside JSON on every GET /v1/… but evidence', () => {
    const withCsv = ENDPOINTS.filter(({ path, method }) => 'text/csv' in operationOf(path, method).responses['200'].content).map(
      ({ operationId }) => operationId,
    );
    expect(withCsv).toEqual([
      'listDirectives',
      'getDirective',
      'getDirectiveProgress',
      'listUnits',
      'getUnit',
      'getUnitStats',
      'compareUnit',
      'getUnitSeries',
      'listCases',
      'listHotspots',
    ]);
  });

  it('answers problem details per status', () => {
    const statuses = (path: string, method = 'get') => Object.keys(operationOf(path, method).responses);
    expect(statuses('/v1/events', 'post')).toEqual(['200', '400', '401', '403', '406', '413', '415', '503']);
    expect(statuses('/v1/directives')).toEqual(['200', '400', '401', '403', '406', '503']);
    expect(statuses('/v1/units/{unitId}/compare')).toEqual(['200', '400', '401', '403', '404', '406', '503']);
    expect(statuses('/v1/cases')).toEqual(['200', '400', '401', '403', '404', '406', '503']);
    expect(statuses('/metrics')).toEqual(['200', '401', '403']);
    expect(statuses('/health/ready')).toEqual(['200', '503']);
    expect(operationOf('/health/ready', 'get').security).toEqual([]);
    const responses = document.components.responses;
    expect(responses.Unauthorized.headers['WWW-Authenticate']).toMatchObject({ required: true });
    expect(responses.Unavailable.headers['Retry-After']).toMatchObject({ required: true });
    expect(responses.NotFound.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(document.components.schemas.Problem).toMatchObject({
      required: ['type', 'title', 'status', 'code'],
      properties: { problems: { type: 'array', items: { required: ['path', 'message', 'code'] } } },
    });
  });

  describe('its own schemas', () => {
    const validate = documentValidator();

    it.each(ENDPOINTS.map((endpoint) => [endpoint.operationId, endpoint] as const))(
      'accept the example answer of %s',
      (_id, endpoint) => {
        const mediaType = endpoint.answer.mediaType ?? 'application/json';
        const at = pointer('paths', endpoint.path, endpoint.method, 'responses', '200', 'content', mediaType, 'schema');
        expect(validate(at, endpoint.answer.example)).toEqual([]);
        expect(operationOf(endpoint.path, endpoint.method).responses['200'].content[mediaType].examples.default.value).toEqual(
          endpoint.answer.example,
        );
      },
    );

    it('accept every example event, one or in a batch, and the readiness when down', () => {
      const body = pointer('paths', '/v1/events', 'post', 'requestBody', 'content', 'application/json', 'schema');
      for (const type of EVENT_TYPES) expect(validate(body, EXAMPLE_EVENTS[type])).toEqual([]);
      expect(validate(body, Object.values(EXAMPLE_EVENTS))).toEqual([]);
      expect(validate(pointer('components', 'schemas', 'Readiness'), EXAMPLE_NOT_READY)).toEqual([]);
    });

    it('refuse what the zod schemas refuse', () => {
      const body = pointer('paths', '/v1/events', 'post', 'requestBody', 'content', 'application/json', 'schema');
      expect(validate(body, [])).not.toEqual([]);
      expect(
        validate(body, { ...EXAMPLE_EVENTS.ArrestMade, data: { ...EXAMPLE_EVENTS.ArrestMade.data, persons: 1_000_001 } }),
      ).not.toEqual([]);
      expect(
        validate(body, { ...EXAMPLE_EVENTS.CaseVoided, data: { ...EXAMPLE_EVENTS.CaseVoided.data, reason: 'a\u0000b' } }),
      ).not.toEqual([]);
      const stats = pointer('components', 'schemas', 'UnitStats');
      const answer = ENDPOINTS.find((endpoint) => endpoint.operationId === 'getUnitStats')!.answer.example as Json;
      expect(validate(stats, { ...answer, extra: 1 })).toEqual([' must NOT have additional properties']);
    });
  });
});
