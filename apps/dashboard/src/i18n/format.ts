/** Figures, dates and moments written the way the language writes them (vi-VN: 1.234,5; en-GB: 1,234.5). */
export interface Format {
  readonly locale: string;
  /** Up to `digits` decimals; an em dash for a missing figure. */
  number(value: number | null | undefined, digits?: number): string;
  /** A figure already in percent (66.67 → "66.67%"). */
  percent(value: number | null | undefined): string;
  /** A calendar date YYYY-MM-DD, as written in the language. */
  date(date: string): string;
  /** An instant (ISO 8601), in the browser's time zone. */
  moment(instant: string | Date): string;
  /** The month's name, 1–12. */
  month(month: number, style?: 'short' | 'long'): string;
}

export const MISSING = '—';

export function createFormat(locale: string): Format {
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let format = numbers.get(digits);
    if (!format) numbers.set(digits, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    return format;
  };
  const percent = new Intl.NumberFormat(locale, { style: 'unit', unit: 'percent', maximumFractionDigits: 2 });
  // Calendar dates carry no zone: format them at UTC midnight, in UTC, so no zone moves the day.
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const months = {
    short: new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }),
    long: new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }),
  };
  const present = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);
  return {
    locale,
    number: (value, digits = 2) => (present(value) ? numberFormat(digits).format(value) : MISSING),
    percent: (value) => (present(value) ? percent.format(value) : MISSING),
    date: (value) => {
      const [year, month, day] = value.split('-').map(Number);
      return year && month && day ? date.format(Date.UTC(year, month - 1, day)) : value;
    },
    moment: (value) => {
      const instant = value instanceof Date ? value : new Date(value);
      return Number.isNaN(instant.getTime()) ? String(value) : moment.format(instant);
    },
    month: (month, style = 'short') => months[style].format(Date.UTC(2000, month - 1, 1)),
  };
}
