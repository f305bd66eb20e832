import type { EventEnvelope, EventType } from './envelope';
import { EXAMPLE_EVENTS } from './examples';
import { parseJsonStoredEvent } from './stored-event';
import { streamOf } from './streams';
import { exampleWith, parsePosted, pathsAndCodes, problemsOf } from './testing/envelopes';

/** CONTRACT.md §2 (1.1): every bound, on both sides of each limit. */

const accepted = (input: unknown) => parsePosted(input).ok;

describe('free text', () => {
  const fields: [string, EventType, string][] = [
    ['UnitRegistered name', 'UnitRegistered', 'name'],
    ['HotspotIdentified name', 'HotspotIdentified', 'name'],
    ['DirectiveIssued title', 'DirectiveIssued', 'title'],
    ['DirectiveIssued code', 'DirectiveIssued', 'code'],
    ['TargetWithdrawn reason', 'TargetWithdrawn', 'reason'],
    ['CaseVoided reason', 'CaseVoided', 'reason'],
  ];
  const metadataFields = ['correlationId', 'causationId', 'sourceSystem'];
  const cases: [string, (text: string) => unknown, string][] = [
    ...fields.map(([name, type, field]): [string, (text: string) => unknown, string] => [
      name,
      (text) => exampleWith(type, { [field]: text }),
      `/data/${field}`,
    ]),
    ...metadataFields.map((field): [string, (text: string) => unknown, string] => [
      `metadata ${field}`,
      (text) => ({ ...EXAMPLE_EVENTS.CaseOpened, metadata: { [field]: text } }),
      `/metadata/${field}`,
    ]),
  ];

  describe.each(cases)('%s', (_name, withText, path) => {
    it('takes 1 and 200 characters, Vietnamese diacritics and characters beyond the BMP counted once', () => {
      expect(accepted(withText('x'))).toBe(true);
      expect(accepted(withText('Đ'.repeat(200)))).toBe(true);
      expect(accepted(withText('Công an xã Cốc San, huyện Bát Xát'))).toBe(true);
      expect(accepted(withText('😀'.repeat(200)))).toBe(true);
    });

    it('refuses 0 and 201 characters', () => {
      expect(problemsOf(withText(''))).toEqual([{ path, message: 'must not be empty', code: 'too_small' }]);
      expect(problemsOf(withText('x'.repeat(201)))).toEqual([
        { path, message: 'must be at most 200 characters; it has 201', code: 'too_big' },
      ]);
      expect(pathsAndCodes(withText('😀'.repeat(201)))).toEqual([[path, 'too_big']]);
    });

    it('refuses NUL, naming the character and where it is', () => {
      expect(problemsOf(withText('Cốc\u0000San'))).toEqual([
        {
          path,
          message: 'must not contain control characters (U+0000–U+001F, U+007F–U+009F); it holds U+0000 at character 4',
          code: 'invalid_format',
        },
      ]);
    });

    it.each(['\u0001', '\t', '\n', '\u001f', '\u007f', '\u0080', '\u009f'])('refuses the control character %j', (control) => {
      expect(pathsAndCodes(withText(`a${control}b`))).toEqual([[path, 'invalid_format']]);
    });

    it('takes the first characters after the controls (U+0020, U+00A0 beside text)', () => {
      expect(accepted(withText('a b\u00a0c'))).toBe(true);
    });

    it.each([
      ['a high surrogate alone', 'ab\uD800', 'U+D800 at character 3'],
      ['a low surrogate alone', '\uDC00ab', 'U+DC00 at character 1'],
      ['two high surrogates', '\uD83D\uD83D', 'U+D83D at character 1'],
    ])('refuses %s', (_case, text, where) => {
      expect(problemsOf(withText(text))).toEqual([
        { path, message: `must be valid Unicode; it holds a lone surrogate ${where}`, code: 'invalid_format' },
      ]);
    });

    it('refuses blank text', () => {
      expect(pathsAndCodes(withText('   '))).toEqual([[path, 'invalid_format']]);
    });
  });
});

describe('counts', () => {
  describe.each([
    ['ArrestMade', 'persons'],
    ['CaseProsecuted', 'defendants'],
    ['WeaponsCollected', 'items'],
  ] as const)('%s %s', (type, field) => {
    it.each([1, 1_000_000])('takes %p', (count) => {
      expect(accepted(exampleWith(type, { [field]: count }))).toBe(true);
    });

    it.each([
      [0, 'too_small'],
      [1_000_001, 'too_big'],
      [2 ** 31, 'too_big'],
      [Number.MAX_SAFE_INTEGER, 'too_big'],
      [2.5, 'invalid_type'],
      ['3', 'invalid_type'],
    ])('refuses %p', (count, code) => {
      expect(problemsOf(exampleWith(type, { [field]: count }))).toEqual([
        { path: `/data/${field}`, message: 'must be a whole number from 1 to 1,000,000', code },
      ]);
    });
  });

  describe.each(['deaths', 'injuries'])('IncidentRecorded %s', (field) => {
    it.each([0, 100_000])('takes %p', (count) => {
      expect(accepted(exampleWith('IncidentRecorded', { [field]: count }))).toBe(true);
    });

    it.each([
      [-1, 'too_small'],
      [100_001, 'too_big'],
      [2 ** 31, 'too_big'],
    ])('refuses %p', (count, code) => {
      expect(problemsOf(exampleWith('IncidentRecorded', { [field]: count }))).toEqual([
        { path: `/data/${field}`, message: 'must be a whole number from 0 to 100,000', code },
      ]);
    });
  });
});

describe('IndicatorMeasured value and denominator', () => {
  it.each([0, 0.5, 1e15])('takes the value %p', (value) => {
    expect(accepted(exampleWith('IndicatorMeasured', { value }))).toBe(true);
  });

  it.each([
    [-0.01, 'too_small'],
    [1e15 + 1, 'too_big'],
    [1e308, 'too_big'],
    [Infinity, 'invalid_type'],
    [Number.NaN, 'invalid_type'],
  ])('refuses the value %p', (value, code) => {
    expect(pathsAndCodes(exampleWith('IndicatorMeasured', { value }))).toEqual([['/data/value', code]]);
  });

  it.each([1e-9, 1, 1e15])('takes the denominator %p', (denominator) => {
    expect(accepted(exampleWith('IndicatorMeasured', { denominator }))).toBe(true);
  });

  it.each([
    [0, 'too_small'],
    [-1, 'too_small'],
    [1e15 + 1, 'too_big'],
  ])('refuses the denominator %p', (denominator, code) => {
    expect(problemsOf(exampleWith('IndicatorMeasured', { denominator }))).toEqual([
      { path: '/data/denominator', message: 'must be above 0 and at most 1e+15', code },
    ]);
  });
});

describe('target values', () => {
  it.each([-1e15, -5.92, 0, 1e15])('TargetSet takes %p', (value) => {
    expect(accepted(exampleWith('TargetSet', { value }))).toBe(true);
  });

  it.each([
    [-1e15 - 1, 'too_small'],
    [1e15 + 1, 'too_big'],
    [1e308, 'too_big'],
  ])('TargetSet and TargetRevised refuse %p', (value, code) => {
    expect(pathsAndCodes(exampleWith('TargetSet', { value }))).toEqual([['/data/value', code]]);
    expect(pathsAndCodes(exampleWith('TargetRevised', { value }))).toEqual([['/data/value', code]]);
  });
});

describe('target periods and baselines', () => {
  const target = { periodStart: '2024-01-01', periodEnd: '2024-12-31', baselineStart: '2023-01-01', baselineEnd: '2023-12-31' };

  it('takes the first and last days of 1990–2100', () => {
    expect(accepted(exampleWith('TargetSet', { ...target, periodStart: '1990-01-01', periodEnd: '2100-12-31' }))).toBe(true);
    expect(accepted(exampleWith('TargetSet', { ...target, baselineStart: '1990-01-01', baselineEnd: '2100-12-31' }))).toBe(true);
    expect(accepted(exampleWith('TargetRevised', { periodEnd: '2100-12-31' }))).toBe(true);
  });

  it.each(['periodStart', 'baselineStart'])('refuses %s on 1989-12-31', (field) => {
    expect(problemsOf(exampleWith('TargetSet', { ...target, [field]: '1989-12-31' }))).toEqual([
      { path: `/data/${field}`, message: 'must be a date from 1990-01-01 to 2100-12-31', code: 'too_small' },
    ]);
  });

  it.each(['periodEnd', 'baselineEnd'])('refuses %s on 2101-01-01', (field) => {
    expect(problemsOf(exampleWith('TargetSet', { ...target, [field]: '2101-01-01' }))).toEqual([
      { path: `/data/${field}`, message: 'must be a date from 1990-01-01 to 2100-12-31', code: 'too_big' },
    ]);
  });

  it('refuses a period 0000–9999 with one problem per end', () => {
    expect(pathsAndCodes(exampleWith('TargetSet', { ...target, periodStart: '0000-01-01', periodEnd: '9999-12-31' }))).toEqual([
      ['/data/periodStart', 'too_small'],
      ['/data/periodEnd', 'too_big'],
    ]);
  });

  it('TargetRevised refuses an end after 2100', () => {
    expect(pathsAndCodes(exampleWith('TargetRevised', { periodEnd: '2101-01-01' }))).toEqual([['/data/periodEnd', 'too_big']]);
  });
});

describe('occurredAt', () => {
  const acceptsAt = (occurredAt: string) => accepted({ ...EXAMPLE_EVENTS.CaseOpened, occurredAt });

  it('takes 1990-01-01T00:00:00Z and refuses the millisecond before', () => {
    expect(acceptsAt('1990-01-01T00:00:00Z')).toBe(true);
    expect(problemsOf({ ...EXAMPLE_EVENTS.CaseOpened, occurredAt: '1989-12-31T23:59:59.999Z' })).toEqual([
      { path: '/occurredAt', message: 'must not be before 1990-01-01T00:00:00Z', code: 'too_small' },
    ]);
    expect(pathsAndCodes({ ...EXAMPLE_EVENTS.CaseOpened, occurredAt: '1990-01-01T06:00:00+07:00' })).toEqual([
      ['/occurredAt', 'too_small'],
    ]);
  });

  it('takes 24 hours after the moment it is posted and refuses the millisecond after', () => {
    const now = new Date('2024-03-01T08:00:00Z');
    expect(problemsOf({ ...EXAMPLE_EVENTS.CaseOpened, occurredAt: '2024-03-02T08:00:00.001Z' }, now)).toEqual([
      {
        path: '/occurredAt',
        message: 'must not be more than 24 hours after the moment it is posted (at most 2024-03-02T08:00:00.000Z)',
        code: 'too_big',
      },
    ]);
    const onTheLimit = { ...EXAMPLE_EVENTS.CaseOpened, occurredAt: '2024-03-02T15:00:00+07:00' };
    expect(problemsOf({ ...onTheLimit, occurredAt: '2024-03-02T15:00:01+07:00' }, now)).toHaveLength(1);
    expect(() => problemsOf(onTheLimit, now)).toThrow('expected problems');
  });

  it('reads the upper bound from the moment passed, not from a clock', () => {
    const input = { ...EXAMPLE_EVENTS.CaseOpened, occurredAt: '2030-06-01T00:00:00Z' };
    expect(pathsAndCodes(input, new Date('2030-05-30T23:59:59Z'))).toEqual([['/occurredAt', 'too_big']]);
    expect(() => problemsOf(input, new Date('2030-05-31T00:00:00Z'))).toThrow('expected problems');
  });

  it('keeps the field order when occurredAt is too late and the data is wrong too', () => {
    const input = { ...exampleWith('ArrestMade', { persons: 0 }), eventId: 'x', occurredAt: '2099-01-01T00:00:00Z' };
    expect(pathsAndCodes(input)).toEqual([
      ['/eventId', 'invalid_format'],
      ['/occurredAt', 'too_big'],
      ['/data/persons', 'too_small'],
    ]);
  });

  it.each(['2024-03-01T08:00:00+14:00', '2024-03-01T08:00:00-14:00', '2024-03-01T08:00:00-09:30'])(
    'takes the offset of %s',
    (occurredAt) => {
      expect(acceptsAt(occurredAt)).toBe(true);
    },
  );

  it.each(['2024-03-01T08:00:00+14:01', '2024-03-01T08:00:00-14:30', '2024-03-01T08:00:00+23:59'])(
    'refuses the offset of %s',
    (occurredAt) => {
      expect(problemsOf({ ...EXAMPLE_EVENTS.CaseOpened, occurredAt })).toEqual([
        { path: '/occurredAt', message: 'must have an offset from -14:00 to +14:00', code: 'invalid_format' },
      ]);
    },
  );

  it.each(['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-23:59'])('refuses %s with one problem', (occurredAt) => {
    expect(problemsOf({ ...EXAMPLE_EVENTS.CaseOpened, occurredAt })).toHaveLength(1);
  });
});

describe('the decoder of stored events', () => {
  const storage = {
    metadata: { principal: { role: 'upstream', unit: 'VN' }, correlationId: '' },
    revision: '0',
    position: '42',
    recordedAt: '2024-03-01T08:00:01.000Z',
  };

  it('keeps decoding what 1.0 accepted and 1.1 refuses at the door', () => {
    const legacy = [
      { ...EXAMPLE_EVENTS.DirectiveIssued, data: { ...EXAMPLE_EVENTS.DirectiveIssued.data, title: 'T'.repeat(1000) } },
      { ...EXAMPLE_EVENTS.ArrestMade, data: { ...EXAMPLE_EVENTS.ArrestMade.data, persons: Number.MAX_SAFE_INTEGER } },
      { ...EXAMPLE_EVENTS.IncidentRecorded, data: { ...EXAMPLE_EVENTS.IncidentRecorded.data, deaths: 2 ** 31 } },
      { ...EXAMPLE_EVENTS.IndicatorMeasured, data: { ...EXAMPLE_EVENTS.IndicatorMeasured.data, value: 1e308 } },
      { ...EXAMPLE_EVENTS.TargetSet, data: { ...EXAMPLE_EVENTS.TargetSet.data, periodStart: '0001-01-01', value: 1e308 } },
      { ...EXAMPLE_EVENTS.CaseOpened, occurredAt: '9999-12-31T23:59:59+23:59' },
      { ...EXAMPLE_EVENTS.CaseOpened, occurredAt: '1900-01-01T00:00:00Z' },
    ];
    for (const envelope of legacy) {
      expect(parsePosted(envelope).ok).toBe(false);
      const stored = { ...envelope, ...storage, streamId: streamOf(envelope as EventEnvelope).streamId };
      expect(parseJsonStoredEvent(stored)).toMatchObject({ ok: true, value: { type: envelope.type, position: 42n } });
    }
  });

  it('still refuses what 1.0 refused', () => {
    const stored = {
      ...EXAMPLE_EVENTS.ArrestMade,
      data: { ...EXAMPLE_EVENTS.ArrestMade.data, persons: 0 },
      ...storage,
      streamId: 'case-LC-2024-000123',
    };
    expect(parseJsonStoredEvent(stored)).toMatchObject({ ok: false, problems: [{ path: '/data/persons', code: 'too_small' }] });
  });
});
