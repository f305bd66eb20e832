import { EVENT_TYPES } from './envelope';
import { eventJsonSchemas } from './json-schema';
import { buildOpenApi } from './openapi';

describe('eventJsonSchemas', () => {
  const { envelope, events } = eventJsonSchemas();

  it('describes the envelope as one alternative per event type', () => {
    expect(envelope.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(envelope.oneOf).toHaveLength(20);
  });

  it('produces a closed object schema per event type', () => {
    expect(Object.keys(events)).toEqual(EVENT_TYPES);
    for (const type of EVENT_TYPES) {
      expect(events[type]).toMatchObject({
        type: 'object',
        additionalProperties: false,
        required: ['eventId', 'type', 'occurredAt', 'data'],
        properties: { type: { const: type }, data: { type: 'object', additionalProperties: false } },
      });
    }
  });

  it('carries the figures of the contract', () => {
    const arrest = events.ArrestMade as { properties: { data: { properties: { persons: unknown; caseId: unknown } } } };
    expect(arrest.properties.data.properties.persons).toMatchObject({ type: 'integer', minimum: 1 });
    expect(arrest.properties.data.properties.caseId).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9._:-]+$',
    });
    const target = events.TargetSet as { properties: { data: { required: string[] } } };
    expect(target.properties.data.required).toEqual([
      'directiveId',
      'targetId',
      'unitId',
      'metric',
      'comparator',
      'value',
      'periodStart',
      'periodEnd',
    ]);
  });

  it('can target OpenAPI 3.0', () => {
    const { events: legacy } = eventJsonSchemas({ target: 'openapi-3.0' });
    const registered = legacy.UnitRegistered as { properties: { data: { properties: { parentUnitId: unknown } } } };
    expect(registered.properties.data.properties.parentUnitId).toMatchObject({ nullable: true });
  });
});

describe('buildOpenApi', () => {
  const document = buildOpenApi();
  const schemas = document.components.schemas;

  it('documents every endpoint of CONTRACT.md §5', () => {
    expect(Object.keys(document.paths)).toEqual([
      '/v1/events',
      '/v1/directives',
      '/v1/directives/{directiveId}/progress',
      '/v1/units/{unitId}/stats',
      '/v1/cases',
      '/v1/hotspots',
      '/health/live',
      '/health/ready',
      '/metrics',
    ]);
  });

  it('embeds each event schema as a component without its own dialect', () => {
    for (const type of EVENT_TYPES) {
      expect(schemas[type]).toMatchObject({ type: 'object' });
      expect(schemas[type]!.$schema).toBeUndefined();
    }
  });
});
