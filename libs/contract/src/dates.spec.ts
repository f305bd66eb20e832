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
