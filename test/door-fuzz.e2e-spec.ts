import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import * as fc from 'fast-check';
import { EVENT_TYPES, EXAMPLE_EVENTS, type EventType, parseEnvelope } from '@vigil/contract';
import { Pool } from 'pg';
import { fresh } from './support/events';
import { postJson } from './support/http';
import { type VigilUnderTest, startVigilUnderTest } from './support/vigil-under-test';

// Issue 17: a seeded property-based fuzz of POST /v1/events against the real app. Envelopes of every
// type, their fields replaced by hostile values (NUL, lone surrogates, controls, 201 characters,
// 2^31, 1e308, NaN, years 0000 and 9999, offsets beyond ±14:00, unknown fields, wrong types) and
// bodies compressed, cut short or with a byte flipped: no answer is a 5xx, the answer agrees with the
// envelope schemas, and nothing is stored for what is refused.

const SEED = 42;
const RUNS = 300;

const hostileText = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'Km\u00007',
    '\uD800',
    'corr-\uDC00',
    '\uDBFF\uDBFF',
    '',
    '   ',
    'tab\there',
    '\u007f',
    '\u0085',
    '\u2028',
    'x'.repeat(200),
    'x'.repeat(201),
    '😀'.repeat(200),
    '😀'.repeat(201),
    'Công an xã Cốc San',
    "'; DROP TABLE events; --",
  ),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((code) => String.fromCharCode(code)), maxLength: 6 }),
);

const hostileNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    0.5,
    -0.01,
    5e-324,
    100_000,
    100_001,
    1_000_000,
    1_000_001,
    2 ** 31,
    2 ** 53 - 1,
    1e15,
    1e15 + 1,
    1e308,
    -1e308,
  ),
  fc.integer(),
  fc.double(), // NaN and ±Infinity are sent as JSON null
);

const hostileDate = fc.oneof(
  fc.constantFrom(
    '0000-01-01',
    '1989-12-31',
    '1990-01-01',
    '2100-12-31',
    '2101-01-01',
    '9999-12-31',
    '2024-02-30',
    '0000-01-01T00:00:00Z',
    '1989-12-31T23:59:59.999Z',
    '1990-01-01T00:00:00Z',
    '9999-12-31T23:59:59+23:59',
    '2024-03-01T08:00:00+14:00',
    '2024-03-01T08:00:00+14:01',
    '2024-03-01T08:00:00-14:30',
    '+275760-09-13T00:00:00Z',
  ),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
);

/** What replaces a field; `undefined` removes it. */
const hostileValue = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 3, arbitrary: hostileDate },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

interface Mutation {
  where: 'data' | 'metadata' | 'envelope';
  /** Which of the existing fields (modulo their number), or a new field named `extra` when set. */
  pick: number;
  extra: string | null;
  value: unknown;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  where: fc.constantFrom('data', 'data', 'data', 'metadata', 'envelope'),
  pick: fc.nat(),
  extra: fc.option(fc.oneof(fc.constantFrom('personalName', 'name', 'value'), hostileText), { freq: 8 }),
  value: hostileValue,
});

const METADATA_FIELDS = ['correlationId', 'causationId', 'sourceSystem'];
const ENVELOPE_FIELDS = ['eventId', 'type', 'occurredAt', 'data', 'metadata'];

const envelopeCase = fc.record({ type: fc.constantFrom(...EVENT_TYPES), mutations: fc.array(mutation, { maxLength: 3 }) });

/** How the body travels: mostly plain JSON, sometimes gzip, cut short, or with a byte flipped. */
const transport = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'json' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'gzip' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('gzip-cut' as const), at: fc.double({ min: 0, max: 0.95, noNaN: true }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('flipped' as const),
      at: fc.double({ min: 0, max: 0.999, noNaN: true }),
      byte: fc.integer({ min: 0, max: 255 }),
    }),
  },
);

describe('fuzzing POST /v1/events (fast-check, seeded)', () => {
  let vigil: VigilUnderTest;
  let pool: Pool;
  let operator: string;
  const prefix = fresh('FZ');

  /** The examples' ids under this run's own prefix, so that the run touches no other spec's units. */
  const ownIds = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(ownIds);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [
        key,
        key.endsWith('Id') && typeof field === 'string' ? `${prefix}-${field}` : ownIds(field),
      ]),
    );
  };

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    pool = new Pool({ connectionString: vigil.config.DATABASE_URL, max: 1 });
    operator = await vigil.token('operator');
    const unit = (unitId: string, level: string, parentUnitId: string | null) => ({
      eventId: randomUUID(),
      type: 'UnitRegistered',
      occurredAt: '2020-01-01T00:00:00Z',
      data: { unitId: `${prefix}-${unitId}`, name: unitId, level, parentUnitId: parentUnitId && `${prefix}-${parentUnitId}` },
    });
    const tree = [unit('VN', 'ministry', null), unit('VN-LCI', 'province', 'VN'), unit('VN-LCI-LCC', 'district', 'VN-LCI')];
    const registered = await postJson(`${vigil.url}/v1/events`, tree, operator);
    expect(registered.status).toBe(200);
  });
  afterAll(async () => {
    await pool.end();
    await vigil.close();
  });

  function envelopeOf({ type, mutations }: { type: EventType; mutations: Mutation[] }): Record<string, unknown> {
    const example = ownIds(EXAMPLE_EVENTS[type]) as Record<string, unknown>;
    const envelope: Record<string, unknown> = { ...example, eventId: randomUUID(), data: { ...(example.data as object) } };
    for (const { where, pick, extra, value } of mutations) {
      const target: Record<string, unknown> =
        where === 'envelope'
          ? envelope
          : where === 'data'
            ? (envelope.data as Record<string, unknown>)
            : ((envelope.metadata = { ...(envelope.metadata as object) }) as Record<string, unknown>);
      if (typeof target !== 'object' || target === null || Array.isArray(target)) continue;
      const fields = where === 'envelope' ? ENVELOPE_FIELDS : where === 'metadata' ? METADATA_FIELDS : Object.keys(target);
      const field = extra ?? fields[pick % Math.max(1, fields.length)] ?? 'extra';
      if (value === undefined) delete target[field];
      else target[field] = value;
    }
    return envelope;
  }

  function bodyOf(json: string, how: TransportCase): { bytes: Buffer; headers: Record<string, string> } {
    const bytes = Buffer.from(json);
    switch (how.kind) {
      case 'json':
        return { bytes, headers: {} };
      case 'gzip':
        return { bytes: gzipSync(bytes), headers: { 'content-encoding': 'gzip' } };
      case 'gzip-cut': {
        const zipped = gzipSync(bytes);
        return { bytes: zipped.subarray(0, Math.floor(zipped.length * how.at)), headers: { 'content-encoding': 'gzip' } };
      }
      case 'flipped': {
        const flipped = Buffer.from(bytes);
        flipped[Math.floor(flipped.length * how.at)] = how.byte;
        return { bytes: flipped, headers: {} };
      }
    }
  }

  const storedIds = async (eventIds: string[]) => {
    const uuids = eventIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).map((id) => id.toLowerCase());
    const { rows } = await pool.query<{ event_id: string }>('SELECT event_id FROM events WHERE event_id = ANY($1::uuid[])', [
      uuids,
    ]);
    return new Set(rows.map((row) => row.event_id));
  };

  it(`answers ${RUNS} hostile posts without a 5xx, agreeing with the schemas, storing nothing it refuses`, async () => {
    const statuses = new Map<number, number>();
    let appended = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(envelopeCase, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        transport,
        async (cases, asArray, how) => {
          const envelopes = cases.map(envelopeOf);
          const body = asArray || envelopes.length > 1 ? envelopes : envelopes[0];
          const json = JSON.stringify(body);
          // What the server receives, for the schema's verdict: JSON drops undefined and sends NaN as null.
          const received = JSON.parse(json) as unknown;
          const now = new Date();
          const schemaRefuses = (Array.isArray(received) ? received : [received]).some(
            (item) => !parseEnvelope(item, { now }).ok,
          );
          const { bytes, headers } = bodyOf(json, how);

          const response = await fetch(`${vigil.url}/v1/events`, {
            method: 'POST',
            body: bytes,
            headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', ...headers },
          });
          const answer = (await response.json()) as { code?: string; results?: { eventId: string; status: string }[] };
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);

          expect(response.status).toBeLessThan(500);
          const intact = how.kind === 'json' || how.kind === 'gzip';
          if (intact && schemaRefuses) expect(response.status).toBe(400);
          if (response.status !== 200) {
            expect((await storedIds(envelopes.map((envelope) => String(envelope.eventId)))).size).toBe(0);
            return;
          }
          // Answered per event: an intact body passed the schema, and what was not appended is not stored.
          if (intact) {
            expect(schemaRefuses).toBe(false);
            expect(answer.results).toHaveLength(envelopes.length);
          }
          const stored = await storedIds(answer.results!.map((result) => result.eventId));
          for (const result of answer.results!) {
            if (result.status === 'appended') appended++;
            expect([result.eventId, stored.has(result.eventId)]).toEqual([
              result.eventId,
              result.status === 'appended' || result.status === 'duplicate',
            ]);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The runs reached both sides of the door: refused at the schema, and answered per event with some appended.
    expect(statuses.get(400)).toBeGreaterThan(50);
    expect(statuses.get(200)).toBeGreaterThan(10);
    expect(appended).toBeGreaterThan(10);
  }, 120_000);
});

type TransportCase =
  { kind: 'json' } | { kind: 'gzip' } | { kind: 'gzip-cut'; at: number } | { kind: 'flipped'; at: number; byte: number };
