import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildAsyncApi } from './asyncapi';
import { EVENT_TYPES } from './envelope';
import { EXAMPLE_EVENTS } from './examples';
import { DeadLetterSchema, InboundRejectionSchema } from './kafka-records';
import { toJsonStoredEvent, type StoredEvent } from './stored-event';

type Json = Record<string, any>;
const document = buildAsyncApi() as Json;

const storedCaseOpened = toJsonStoredEvent({
  ...EXAMPLE_EVENTS.CaseOpened,
  metadata: { correlationId: 'corr-1', principal: { role: 'upstream', unit: 'VN-LCI' } },
  streamId: 'case-LC-2024-000123',
  revision: 0n,
  position: 48213n,
  recordedAt: '2024-03-01T08:00:01.250Z',
} as StoredEvent<'CaseOpened'>);

/** As apps/ingest/src/inbound/rejection.ts writes it. */
const rejection = {
  reason: {
    code: 'VALIDATION_FAILED',
    message: 'Nothing was stored.',
    problems: [{ path: '/0/data/persons', message: 'must be a whole number from 1 to 1,000,000', code: 'too_big' }],
  },
  rejectedAt: '2024-03-01T08:00:02.000Z',
  original: { topic: 'vigil.inbound.v1', partition: 2, offset: '1187', key: 'case-LC-2024-000123', value: '{"eventId":"…"}' },
};

/** As libs/projections/src/runner/dead-letter-publisher.ts writes it. */
const deadLetter = {
  projection: 'figures',
  reason: 'not a stored event: /data/persons: must be an integer',
  original: { topic: 'vigil.cases.v1', partition: 0, offset: '42', key: 'case-LC-2024-000123', value: '{}' },
};

/** Validates against the document's component schemas (JSON Schema draft-07, AsyncAPI's default format). */
function componentValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'asyncapi');
  return (component: string, value: unknown) =>
    ajv.validate({ $ref: `asyncapi#/components/schemas/${component}` }, value)
      ? []
      : (ajv.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

describe('buildAsyncApi', () => {
  it('is a valid AsyncAPI 3.0 document, without errors or warnings', async () => {
    const { Parser } = await import('@asyncapi/parser');
    const diagnostics = await new Parser().validate(document as never);
    const serious = diagnostics.filter((diagnostic) => diagnostic.severity <= 1);
    expect(serious.map((diagnostic) => `${diagnostic.path.join('.')}: ${diagnostic.message}`)).toEqual([]);
    expect(document.asyncapi).toBe('3.0.0');
  });

  it('describes every topic, prefixed by the namespace', () => {
    const addresses = Object.values(document.channels as Json).map((channel) => channel.address);
    expect(addresses).toEqual([
      '{namespace}.inbound.v1',
      '{namespace}.inbound.rejected.v1',
      '{namespace}.units.v1',
      '{namespace}.directives.v1',
      '{namespace}.cases.v1',
      '{namespace}.hotspots.v1',
      '{namespace}.measures.v1',
      '{namespace}.dead-letters.v1',
    ]);
    expect(document.channels.cases.parameters.namespace.default).toBe('vigil');
    expect(Object.entries(document.operations as Json).map(([id, operation]) => `${operation.action} ${id}`)).toEqual([
      'receive receiveInbound',
      'send sendInboundRejection',
      'send publishUnits',
      'send publishDirectives',
      'send publishCases',
      'send publishHotspots',
      'send publishMeasures',
      'send sendDeadLetter',
    ]);
  });

  it('states the key, the headers and the ordering rule', () => {
    const { messages } = document.components;
    expect(messages.casesEvent.bindings.kafka.key).toMatchObject({
      type: 'string',
      pattern: '^(unit-|directive-|case-|hotspot-|measure-)[A-Za-z0-9._:-]{1,64}$',
    });
    expect(messages.casesEvent.bindings.kafka.key.description).toContain("Key = stream id keeps one aggregate's events in order");
    expect(messages.casesEvent.headers).toMatchObject({
      required: ['type'],
      properties: {
        type: { enum: ['CaseOpened', 'CaseCleared', 'ArrestMade', 'CaseProsecuted', 'CaseReclassified', 'CaseVoided'] },
        correlationId: {},
      },
    });
    expect(messages.inboundEvents.headers).toMatchObject({ required: ['authorization'] });
    expect(messages.inboundRejection.headers.required).toEqual(['vigil-reason']);
    expect(document.info.description).toContain('key inbound messages by the stream id');
  });

  it('gives each category topic the stored events of its types', () => {
    const refs = (category: string) =>
      document.components.messages[`${category}Event`].payload.oneOf.map((ref: Json) => ref.$ref);
    expect(refs('hotspots')).toEqual([
      '#/components/schemas/StoredHotspotIdentified',
      '#/components/schemas/StoredHotspotListed',
      '#/components/schemas/StoredHotspotTransformed',
      '#/components/schemas/StoredHotspotRelapsed',
      '#/components/schemas/StoredHotspotEliminated',
    ]);
    expect(['units', 'directives', 'cases', 'hotspots', 'measures'].flatMap(refs)).toHaveLength(EVENT_TYPES.length);
  });

  describe('its payload schemas', () => {
    const validate = componentValidator();

    it('take the inbound examples, one envelope or a batch, and refuse what the door refuses', () => {
      expect(validate('InboundEvents', EXAMPLE_EVENTS.TargetSet)).toEqual([]);
      expect(validate('InboundEvents', document.components.messages.inboundEvents.examples[0].payload)).toEqual([]);
      expect(validate('InboundEvents', [])).not.toEqual([]);
      expect(
        validate('InboundEvents', {
          ...EXAMPLE_EVENTS.WeaponsCollected,
          data: { ...EXAMPLE_EVENTS.WeaponsCollected.data, items: 0 },
        }),
      ).not.toEqual([]);
    });

    it('take a stored event as the relay publishes it, and one stored before the bounds of 1.1', () => {
      expect(validate('StoredCaseOpened', storedCaseOpened)).toEqual([]);
      const legacy = { ...storedCaseOpened, occurredAt: '1985-03-01T08:00:00+23:00' };
      expect(validate('StoredCaseOpened', legacy)).toEqual([]);
      expect(validate('StoredCaseOpened', { ...storedCaseOpened, position: 48213 })).not.toEqual([]);
    });

    it('take the rejection and dead-letter records as the services write them', () => {
      expect(validate('InboundRejection', rejection)).toEqual([]);
      expect(InboundRejectionSchema.parse(rejection)).toEqual(rejection);
      expect(validate('DeadLetter', deadLetter)).toEqual([]);
      expect(DeadLetterSchema.parse(deadLetter)).toEqual(deadLetter);
      expect(validate('DeadLetter', { ...deadLetter, original: { ...deadLetter.original, offset: 42 } })).not.toEqual([]);
    });
  });
});
