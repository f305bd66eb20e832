import { z } from 'zod';
import { EventBatchSchema } from './api/events';
import { ProblemItemSchema } from './api/problem';
import { ENVELOPE_SCHEMAS, EVENT_TYPES, EventEnvelopeSchema, type EventType } from './envelope';
import { EXAMPLE_EVENTS } from './examples';
import { DeadLetterSchema, InboundRejectionSchema } from './kafka-records';
import { STORED_EVENT_SCHEMAS } from './stored-event';
import { CATEGORIES, type Category, EVENT_CATEGORY, STREAM_PREFIX, streamOf } from './streams';

/** An AsyncAPI 3.0 document as plain data (served at /docs/asyncapi.json). */
export type AsyncApiDocument = Record<string, unknown> & { asyncapi: string };

const ORDERING = `Key = stream id keeps one aggregate's events in order: Kafka keeps order within a partition and the
key decides the partition, so every event of one case, hotspot, directive, unit or unit's measures reaches a consumer
in revision order. Events of different aggregates may interleave in any order.`;

const DESCRIPTION = `Vigil's Kafka topics (CONTRACT.md §6, version 1.1). Every topic name starts with the namespace
(\`VIGIL_NAMESPACE\`, default \`vigil\`), which also prefixes consumer groups.

Upstream producers post envelopes on \`<ns>.inbound.v1\` exactly as over HTTP (one envelope or an array of up to 1,000,
applied in order), with an upstream token in the \`authorization\` header; what Vigil cannot accept goes to
\`<ns>.inbound.rejected.v1\` with the reason. Stored events are published on one topic per category.

${ORDERING} Upstream producers should key inbound messages by the stream id of their events
(\`case-<caseId>\`, \`hotspot-<hotspotId>\`, \`directive-<directiveId>\`, \`unit-<unitId>\`, \`measure-<unitId>\`) for the same reason.

Idempotency: the \`eventId\` is the key of idempotency; a message delivered twice stores its events once.`;

const TRACEPARENT_PATTERN = '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$';

const TRACEPARENT_HEADER = {
  type: 'string',
  pattern: TRACEPARENT_PATTERN,
  description:
    'W3C Trace Context of the event: the relay’s publish span in the trace of the request that appended it ' +
    '(stored with the event as metadata.traceparent), when tracing is on; consumers continue it',
};

const jsonSchemaOf = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${schemaIds.get(schema)}` });

/** The zod schemas named as components; every other schema is inlined where it is used. */
const schemaIds = new Map<z.ZodType, string>([
  [EventBatchSchema, 'InboundEvents'],
  [EventEnvelopeSchema, 'Envelope'],
  ...EVENT_TYPES.map((type): [z.ZodType, string] => [ENVELOPE_SCHEMAS[type], type]),
  ...EVENT_TYPES.map((type): [z.ZodType, string] => [STORED_EVENT_SCHEMAS[type], `Stored${type}`]),
  [ProblemItemSchema, 'ProblemItem'],
  [InboundRejectionSchema, 'InboundRejection'],
  [DeadLetterSchema, 'DeadLetter'],
]);

/** JSON Schema draft-07 (AsyncAPI's default schema format) of every named schema, referring to each other by `$ref`. */
function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of schemaIds) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

const namespace = {
  description: 'VIGIL_NAMESPACE: prefixes every topic and consumer group',
  default: 'vigil',
  examples: ['vigil', 'vigil-staging'],
};

const kafkaKey = (description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  kafka: { key: { ...schema, description }, bindingVersion: '0.5.0' },
});

const storedEventKey = `^(${Object.values(STREAM_PREFIX).join('|')})[A-Za-z0-9._:-]{1,64}$`;

function categoryMessage(category: Category) {
  const types = EVENT_TYPES.filter((type) => EVENT_CATEGORY[type] === category);
  const example = EXAMPLE_EVENTS[types[0]!];
  return {
    name: `${category}Event`,
    title: `A stored ${category.replace(/s$/, '')} event`,
    summary: `${types.join(', ')}: the envelope as posted plus streamId, revision, position and recordedAt.`,
    description:
      'The stored event as JSON. Events stored before version 1.1 may hold values outside the bounds the door enforces today ' +
      '(their schema here is version 1.0’s), so a consumer must accept them.',
    contentType: 'application/json',
    headers: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { type: 'string', enum: types, description: 'the event type' },
        correlationId: { type: 'string', description: 'the event’s metadata.correlationId, when it has one' },
        traceparent: TRACEPARENT_HEADER,
      },
    },
    payload: { oneOf: types.map((type) => jsonSchemaOf(STORED_EVENT_SCHEMAS[type as EventType])) },
    bindings: kafkaKey(`the stream id, e.g. ${streamOf(example).streamId}. ${ORDERING}`, {
      type: 'string',
      pattern: storedEventKey,
    }),
  };
}

const INBOUND_MESSAGE = {
  name: 'inboundEvents',
  title: 'Events posted by an upstream producer',
  summary: 'One envelope or an array of 1 to 1,000, applied in order, exactly as POST /v1/events takes them.',
  contentType: 'application/json',
  headers: {
    type: 'object',
    required: ['authorization'],
    properties: {
      authorization: {
        type: 'string',
        pattern: '^Bearer \\S+$',
        description: 'Bearer <JWT> with role upstream (or operator); events outside its unit subtree are rejected OUT_OF_SCOPE',
      },
      traceparent: {
        type: 'string',
        pattern: TRACEPARENT_PATTERN,
        description: 'W3C Trace Context, optional: the producer’s trace, which the stored events then carry on',
      },
    },
  },
  payload: jsonSchemaOf(EventBatchSchema),
  bindings: kafkaKey('Vigil does not read it; use the stream id of the events so one aggregate’s events stay in order'),
  examples: [
    {
      name: 'oneCase',
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9…' },
      payload: [EXAMPLE_EVENTS.CaseOpened, EXAMPLE_EVENTS.ArrestMade],
    },
  ],
};

const REJECTED_MESSAGE = {
  name: 'inboundRejection',
  title: 'An inbound message Vigil did not (fully) accept',
  summary: 'One record per reason: the reason (code, message, eventId, problems) and the original message, untouched.',
  contentType: 'application/json',
  headers: {
    type: 'object',
    required: ['vigil-reason'],
    properties: { 'vigil-reason': { type: 'string', description: 'the reason’s code' } },
    additionalProperties: { description: 'the original message’s headers, but never its authorization' },
  },
  payload: jsonSchemaOf(InboundRejectionSchema),
  bindings: kafkaKey('the original message’s key'),
};

const DEAD_LETTER_MESSAGE = {
  name: 'deadLetter',
  title: 'A message a projection could not apply',
  summary: 'The projection, the reason and the original message; `vigil dead-letters retry|discard` acts on them.',
  contentType: 'application/json',
  headers: {
    type: 'object',
    required: ['vigil-reason'],
    properties: { 'vigil-reason': { type: 'string', description: 'the reason' } },
  },
  payload: jsonSchemaOf(DeadLetterSchema),
  bindings: kafkaKey('the original message’s key (the stream id)'),
};

const messageRef = (channel: string, message: string) => ({ $ref: `#/channels/${channel}/messages/${message}` });

/** The AsyncAPI 3.0 document of CONTRACT.md §6, its payloads generated from the same zod schemas as the API's. */
export function buildAsyncApi(): AsyncApiDocument {
  const categoryChannels = Object.fromEntries(
    CATEGORIES.map((category) => [
      category,
      {
        address: `{namespace}.${category}.v1`,
        title: `${category} events`,
        description: `Every stored ${category} event, published by the relay from the event store in log order. ${ORDERING}`,
        parameters: { namespace },
        messages: { [`${category}Event`]: { $ref: `#/components/messages/${category}Event` } },
      },
    ]),
  );
  const categoryOperations = Object.fromEntries(
    CATEGORIES.map((category) => [
      `publish${category[0]!.toUpperCase()}${category.slice(1)}`,
      {
        action: 'send',
        title: `Publish ${category} events`,
        summary: 'The relay publishes each stored event once it is durable (key = stream id).',
        channel: { $ref: `#/channels/${category}` },
        messages: [messageRef(category, `${category}Event`)],
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: { title: 'Vigil Kafka topics', version: '1.1.0', description: DESCRIPTION },
    defaultContentType: 'application/json',
    servers: {
      kafka: { host: 'localhost:9092', protocol: 'kafka', description: 'KAFKA_BROKERS: the brokers of the deployment' },
    },
    channels: {
      inbound: {
        address: '{namespace}.inbound.v1',
        title: 'Inbound events',
        description: 'Upstream producers post envelopes here; ingest reads them with the same rules as POST /v1/events.',
        parameters: { namespace },
        messages: { inboundEvents: { $ref: '#/components/messages/inboundEvents' } },
      },
      inboundRejected: {
        address: '{namespace}.inbound.rejected.v1',
        title: 'Rejected inbound messages',
        description: 'What ingest could not accept from the inbound topic, with the reason.',
        parameters: { namespace },
        messages: { inboundRejection: { $ref: '#/components/messages/inboundRejection' } },
      },
      ...categoryChannels,
      deadLetters: {
        address: '{namespace}.dead-letters.v1',
        title: 'Dead letters',
        description: 'Messages a projection could not apply after its retries; the partition carries on without them.',
        parameters: { namespace },
        messages: { deadLetter: { $ref: '#/components/messages/deadLetter' } },
      },
    },
    operations: {
      receiveInbound: {
        action: 'receive',
        title: 'Ingest inbound events',
        summary: 'Consumer group `<ns>.inbound`: each message through the ingest path, in partition order.',
        channel: { $ref: '#/channels/inbound' },
        messages: [messageRef('inbound', 'inboundEvents')],
      },
      sendInboundRejection: {
        action: 'send',
        title: 'Reject an inbound message',
        channel: { $ref: '#/channels/inboundRejected' },
        messages: [messageRef('inboundRejected', 'inboundRejection')],
      },
      ...categoryOperations,
      sendDeadLetter: {
        action: 'send',
        title: 'Dead-letter a message',
        summary: 'A projector (consumer group `<ns>.projector.<projection>`) sends what it cannot apply.',
        channel: { $ref: '#/channels/deadLetters' },
        messages: [messageRef('deadLetters', 'deadLetter')],
      },
    },
    components: {
      schemas: componentSchemas(),
      messages: {
        inboundEvents: INBOUND_MESSAGE,
        inboundRejection: REJECTED_MESSAGE,
        ...Object.fromEntries(CATEGORIES.map((category) => [`${category}Event`, categoryMessage(category)])),
        deadLetter: DEAD_LETTER_MESSAGE,
      },
    },
  };
}
