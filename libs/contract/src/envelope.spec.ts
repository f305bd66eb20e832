import { EVENT_TYPES, EventEnvelopeSchema } from './envelope';
import { EXAMPLE_EVENTS } from './examples';
import { exampleWith, parsePosted, pathsAndCodes, problemsOf } from './testing/envelopes';

const caseOpened = EXAMPLE_EVENTS.CaseOpened;

describe('parseEnvelope', () => {
  it('knows the twenty event types of CONTRACT.md §3', () => {
    expect(EVENT_TYPES).toHaveLength(20);
    expect(EVENT_TYPES.slice(0, 3)).toEqual(['UnitRegistered', 'UnitReassigned', 'DirectiveIssued']);
  });

  describe('given a valid envelope', () => {
    it.each(EVENT_TYPES)('parses the %s example unchanged', (type) => {
      expect(parsePosted(EXAMPLE_EVENTS[type])).toEqual({ ok: true, value: EXAMPLE_EVENTS[type] });
    });

    it('agrees with the discriminated union schema', () => {
      for (const type of EVENT_TYPES) expect(EventEnvelopeSchema.parse(EXAMPLE_EVENTS[type])).toEqual(EXAMPLE_EVENTS[type]);
    });

    it('accepts the metadata fields and a timestamp with an offset', () => {
      const input = {
        ...caseOpened,
        occurredAt: '2024-03-01T15:00:00+07:00',
        metadata: { correlationId: 'corr-1', causationId: 'cause-1', sourceSystem: 'lc-case-mgmt' },
      };
      expect(parsePosted(input)).toEqual({ ok: true, value: input });
    });
  });

  describe('given an unknown or missing type', () => {
    it('answers one problem at /type listing the known types', () => {
      const problems = problemsOf({ ...caseOpened, type: 'CaseReopened' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ path: '/type', code: 'invalid_value' });
      expect(problems[0]!.message).toContain('unknown event type "CaseReopened"');
      expect(problems[0]!.message).toContain('CaseOpened, CaseCleared, ArrestMade');
    });

    it('says the type is required when it is absent', () => {
      const { type: _type, ...untyped } = caseOpened;
      expect(problemsOf(untyped)).toEqual([
        expect.objectContaining({ path: '/type', message: expect.stringMatching(/^is required; known types: UnitRegistered/) }),
      ]);
    });

    it('does not take an inherited property name for a type', () => {
      expect(pathsAndCodes({ ...caseOpened, type: 'toString' })).toEqual([['/type', 'invalid_value']]);
    });

    it.each([null, 'CaseOpened', 42, [caseOpened]])('rejects %j as a whole', (input) => {
      expect(pathsAndCodes(input)).toEqual([['', 'invalid_type']]);
    });
  });

  describe('given unknown fields', () => {
    it('names each unknown field of the data', () => {
      const input = exampleWith('CaseOpened', { suspectName: 'Nguyen Van A', phone: '0912' });
      expect(problemsOf(input)).toEqual([
        { path: '/data/suspectName', message: 'unknown field "suspectName"', code: 'unrecognized_keys' },
        { path: '/data/phone', message: 'unknown field "phone"', code: 'unrecognized_keys' },
      ]);
    });

    it('names an unknown field of the envelope', () => {
      expect(pathsAndCodes({ ...caseOpened, recordedAt: '2024-03-01T08:00:01Z' })).toEqual([
        ['/recordedAt', 'unrecognized_keys'],
      ]);
    });

    it('names an unknown metadata field, even the principal Vigil records itself', () => {
      const input = { ...caseOpened, metadata: { principal: { role: 'operator', unit: 'VN' } } };
      expect(pathsAndCodes(input)).toEqual([['/metadata/principal', 'unrecognized_keys']]);
    });

    it('escapes a field name that looks like a path', () => {
      expect(pathsAndCodes(exampleWith('CaseCleared', { 'a/b~c': 1 }))).toEqual([['/data/a~1b~0c', 'unrecognized_keys']]);
    });
  });

  describe('given fields of the wrong type or form', () => {
    it('reports every problem at once with its path', () => {
      const input = {
        ...exampleWith('ArrestMade', { persons: '3', arrestId: 42 }),
        eventId: 'not-a-uuid',
        occurredAt: 1709280000,
      };
      expect(pathsAndCodes(input)).toEqual([
        ['/eventId', 'invalid_format'],
        ['/occurredAt', 'invalid_type'],
        ['/data/arrestId', 'invalid_type'],
        ['/data/persons', 'invalid_type'],
      ]);
    });

    it('rejects a missing data object', () => {
      const { data: _data, ...bare } = caseOpened;
      expect(pathsAndCodes(bare)).toEqual([['/data', 'invalid_type']]);
    });

    it('rejects identifiers with forbidden characters', () => {
      const input = exampleWith('CaseOpened', { caseId: 'LC/2024/123', unitId: 'VN LCI' });
      expect(problemsOf(input)).toEqual([
        { path: '/data/caseId', message: 'may contain only letters, digits and . _ : -', code: 'invalid_format' },
        { path: '/data/unitId', message: 'may contain only letters, digits and . _ : -', code: 'invalid_format' },
      ]);
    });

    it('rejects an identifier longer than 64 characters', () => {
      expect(pathsAndCodes(exampleWith('CaseCleared', { caseId: 'C'.repeat(65) }))).toEqual([['/data/caseId', 'too_big']]);
    });

    it.each(['2024-02-30T00:00:00Z', '2024-03-01T08:00:00', '2024-03-01'])('rejects occurredAt %s', (occurredAt) => {
      expect(problemsOf({ ...caseOpened, occurredAt })).toEqual([
        expect.objectContaining({ path: '/occurredAt', message: expect.stringContaining('ISO-8601 timestamp with an offset') }),
      ]);
    });

    it('rejects a value outside an enum', () => {
      expect(problemsOf(exampleWith('CaseOpened', { category: 'theft' }))).toEqual([
        expect.objectContaining({
          path: '/data/category',
          code: 'invalid_value',
          message: expect.stringContaining('social_order'),
        }),
      ]);
    });

    it('rejects metadata strings over 200 characters', () => {
      expect(pathsAndCodes({ ...caseOpened, metadata: { sourceSystem: 's'.repeat(201) } })).toEqual([
        ['/metadata/sourceSystem', 'too_big'],
      ]);
    });
  });
});
