import { CalendarDateSchema, InstantSchema, isCalendarDate, isInstant } from './dates';

describe('CalendarDateSchema', () => {
  it.each(['2024-02-29', '2024-12-31', '2025-07-01', '2000-02-29'])('accepts the real date %s', (date) => {
    expect(CalendarDateSchema.parse(date)).toBe(date);
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '1900-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-1-5',
    '01/03/2024',
    '2024-03-01T00:00:00Z',
  ])('rejects %s with one readable message', (date) => {
    const result = CalendarDateSchema.safeParse(date);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ message: 'must be a calendar date YYYY-MM-DD that exists, e.g. 2024-03-01' }),
    ]);
  });

  it('checks the calendar itself, not only the pattern', () => {
    expect(isCalendarDate('2024-02-30')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('0004-02-29')).toBe(true);
    expect(isCalendarDate('0100-02-29')).toBe(false);
  });
});

describe('InstantSchema', () => {
  it.each(['2024-03-01T08:00:00Z', '2024-03-01T15:00:00+07:00', '2023-12-31T20:00:00.123Z', '2024-02-29T23:59:59-03:30'])(
    'accepts %s',
    (instant) => {
      expect(InstantSchema.parse(instant)).toBe(instant);
    },
  );

  it.each([
    '2024-02-30T00:00:00Z',
    '2023-02-29T12:00:00+07:00',
    '2024-03-01T24:00:00Z',
    '2024-03-01T08:60:00Z',
    '2024-03-01T08:00:00',
    '2024-03-01',
    '2024-03-01 08:00:00Z',
    'yesterday',
  ])('rejects %s', (instant) => {
    const result = InstantSchema.safeParse(instant);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'must be an ISO-8601 timestamp with an offset that exists, e.g. 2024-03-01T08:00:00Z or 2024-03-01T15:00:00+07:00',
    ]);
  });

  it('round-trips the date through the calendar, whatever the pattern accepts', () => {
    expect(isInstant('2024-02-30T00:00:00Z')).toBe(false);
    expect(isInstant('2024-02-29T00:00:00Z')).toBe(true);
    expect(isInstant('2024-03-01T08:00:00+24:00')).toBe(false);
  });
});

describe('isInstant, read character by character', () => {
  // The reference: the pattern it replaced, then the calendar through Date (year 0 is a leap year).
  const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
  const byPattern = (value: string) => {
    const match = PATTERN.exec(value);
    if (match === null) return false;
    const [, , , , hour, minute, second, offsetHour, offsetMinute] = match.map((part) => Number(part ?? 0));
    const midnight = Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
    return (
      !Number.isNaN(midnight) &&
      new Date(midnight).toISOString().startsWith(value.slice(0, 10)) &&
      hour! <= 23 &&
      minute! <= 59 &&
      second! <= 59 &&
      offsetHour <= 23 &&
      offsetMinute <= 59 &&
      !Number.isNaN(Date.parse(value))
    );
  };

  it('agrees with the pattern and the calendar on 60,000 edits of real instants', () => {
    const seeds = [
      '2024-02-29T23:59:59.999+07:00',
      '0000-02-29T00:00:00Z',
      '1900-02-28T12:30:00-03:30',
      '2023-12-31T20:00:00.1Z',
    ];
    const alphabet = '0123456789-:T.Z+ x';
    let state = 7;
    const random = (n: number) => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31), state % n);
    let accepted = 0;
    for (let i = 0; i < 60_000; i += 1) {
      let value = seeds[random(seeds.length)]!;
      for (let edits = 1 + random(2); edits > 0; edits -= 1) {
        const at = random(value.length + 1);
        const kind = random(3);
        const char = alphabet[random(alphabet.length)]!;
        value = value.slice(0, at) + (kind === 2 ? '' : char) + value.slice(kind === 0 ? at : at + 1);
      }
      const expected = byPattern(value);
      if (isInstant(value) !== expected) throw new Error(`isInstant(${JSON.stringify(value)}) is not ${expected}`);
      if (expected) accepted += 1;
    }
    // Both answers occur often enough for the agreement to mean something.
    expect(accepted).toBeGreaterThan(5_000);
    expect(accepted).toBeLessThan(55_000);
  });
});
