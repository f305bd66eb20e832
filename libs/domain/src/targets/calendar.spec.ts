import { addDays, daysInclusive, endOfLocalDayExclusive, localDateOf, parseAsOf, startOfLocalDay } from './calendar';

const HCM = 'Asia/Ho_Chi_Minh'; // UTC+07:00 all year
const PARIS = 'Europe/Paris'; // +01:00, +02:00 from the last Sunday of March to the last Sunday of October
const SANTIAGO = 'America/Santiago'; // −04:00 / −03:00, changing at midnight

const hoursOf = (date: string, zone: string) =>
  (endOfLocalDayExclusive(date, zone).getTime() - startOfLocalDay(date, zone).getTime()) / 3_600_000;

describe('localDateOf', () => {
  it.each([
    ['2023-12-31T20:00:00Z', HCM, '2024-01-01'], // CONTRACT.md §4
    ['2023-12-31T16:59:59.999Z', HCM, '2023-12-31'],
    ['2023-12-31T17:00:00Z', HCM, '2024-01-01'],
    ['2024-01-01T06:59:59+07:00', HCM, '2024-01-01'],
    ['2024-03-01T03:00:00Z', 'America/New_York', '2024-02-29'],
    ['2024-03-31T00:59:59Z', PARIS, '2024-03-31'],
    ['2024-03-30T22:59:59Z', PARIS, '2024-03-30'],
    ['2024-07-01T00:00:00Z', 'UTC', '2024-07-01'],
  ])('%s in %s is %s', (instant, zone, date) => {
    expect(localDateOf(instant, zone)).toBe(date);
    expect(localDateOf(new Date(instant), zone)).toBe(date);
  });

  it('rejects an unknown zone and an unreadable instant', () => {
    expect(() => localDateOf('2024-01-01T00:00:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => localDateOf('yesterday', HCM)).toThrow(RangeError);
  });
});

describe('startOfLocalDay and endOfLocalDayExclusive', () => {
  it('give the instants of a day in a zone without DST', () => {
    expect(startOfLocalDay('2024-01-01', HCM).toISOString()).toBe('2023-12-31T17:00:00.000Z');
    expect(endOfLocalDayExclusive('2024-01-01', HCM).toISOString()).toBe('2024-01-01T17:00:00.000Z');
    expect(endOfLocalDayExclusive('2024-12-31', HCM).toISOString()).toBe('2024-12-31T17:00:00.000Z');
    expect(startOfLocalDay('2024-02-29', 'UTC').toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('give Europe/Paris 2024-03-31 its 23 hours (clocks forward 02:00 → 03:00)', () => {
    expect(startOfLocalDay('2024-03-31', PARIS).toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(endOfLocalDayExclusive('2024-03-31', PARIS).toISOString()).toBe('2024-03-31T22:00:00.000Z');
    expect(hoursOf('2024-03-31', PARIS)).toBe(23);
    expect(hoursOf('2024-03-30', PARIS)).toBe(24);
  });

  it('give Europe/Paris 2024-10-27 its 25 hours (clocks back 03:00 → 02:00)', () => {
    expect(startOfLocalDay('2024-10-27', PARIS).toISOString()).toBe('2024-10-26T22:00:00.000Z');
    expect(endOfLocalDayExclusive('2024-10-27', PARIS).toISOString()).toBe('2024-10-27T23:00:00.000Z');
    expect(hoursOf('2024-10-27', PARIS)).toBe(25);
  });

  it('start a day without a midnight at the jump (America/Santiago 2024-09-08: 00:00 → 01:00)', () => {
    expect(startOfLocalDay('2024-09-08', SANTIAGO).toISOString()).toBe('2024-09-08T04:00:00.000Z');
    expect(endOfLocalDayExclusive('2024-09-07', SANTIAGO).toISOString()).toBe('2024-09-08T04:00:00.000Z');
    expect(localDateOf('2024-09-08T04:00:00Z', SANTIAGO)).toBe('2024-09-08');
    expect(localDateOf('2024-09-08T03:59:59.999Z', SANTIAGO)).toBe('2024-09-07');
    expect(hoursOf('2024-09-08', SANTIAGO)).toBe(23);
  });

  it('start a day whose midnight comes twice at the first (America/Santiago 2024-04-06 lasts 25 hours)', () => {
    expect(startOfLocalDay('2024-04-06', SANTIAGO).toISOString()).toBe('2024-04-06T03:00:00.000Z');
    expect(startOfLocalDay('2024-04-07', SANTIAGO).toISOString()).toBe('2024-04-07T04:00:00.000Z');
    expect(hoursOf('2024-04-06', SANTIAGO)).toBe(25);
  });

  it('give a date the zone skipped an empty range (Pacific/Apia had no 2011-12-30)', () => {
    expect(hoursOf('2011-12-30', 'Pacific/Apia')).toBe(0);
    expect(hoursOf('2011-12-29', 'Pacific/Apia')).toBe(24);
  });

  it('reject a date that does not exist', () => {
    expect(() => startOfLocalDay('2024-02-30', HCM)).toThrow(RangeError);
    expect(() => startOfLocalDay('2024-3-1', HCM)).toThrow(RangeError);
  });
});

describe('daysInclusive and addDays', () => {
  it('count both ends', () => {
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysInclusive('2023-01-01', '2023-12-31')).toBe(365);
    expect(daysInclusive('2024-03-31', '2024-03-31')).toBe(1);
    expect(daysInclusive('2024-02-28', '2024-03-01')).toBe(3);
  });

  it('rejects an end before the start', () => {
    expect(() => daysInclusive('2024-03-02', '2024-03-01')).toThrow(RangeError);
  });

  it('moves across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2023-01-01', 182)).toBe('2023-07-02');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });
});

describe('parseAsOf', () => {
  it('takes a timestamp with an offset as it is', () => {
    expect(parseAsOf('2024-03-01T08:00:00+07:00', HCM).toISOString()).toBe('2024-03-01T01:00:00.000Z');
    expect(parseAsOf('2024-03-01T08:00:00.250Z', PARIS).toISOString()).toBe('2024-03-01T08:00:00.250Z');
  });

  it('takes a date as the last millisecond of that day in the zone', () => {
    expect(parseAsOf('2024-10-31', HCM).toISOString()).toBe('2024-10-31T16:59:59.999Z');
    expect(parseAsOf('2024-03-31', PARIS).toISOString()).toBe('2024-03-31T21:59:59.999Z');
    expect(parseAsOf('2024-10-27', PARIS).toISOString()).toBe('2024-10-27T22:59:59.999Z');
  });

  it.each(['2024-02-30', '2024-03-01T08:00:00', '2024-03-01 08:00:00Z', 'yesterday', ''])('rejects %p', (asOf) => {
    expect(() => parseAsOf(asOf, HCM)).toThrow(RangeError);
  });
});
