// Figures, dates and moments as the dashboard writes them (en-GB 1,234.5 / 66.67% / 30 Jun 2024; vi-VN
// 1.234,5 / 66,67% / 30 thg 6, 2024), computed here with the same Intl rules, in the deployment's zone.

export const numberIn = (locale: string, value: number) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);

export const percentIn = (locale: string, value: number) =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: 'percent', maximumFractionDigits: 2 }).format(value);

export const dateIn = (locale: string, date: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

export const momentIn = (locale: string, instant: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(
    new Date(instant),
  );

const PERCENT_METRICS = /Rate$|changePct$|^indicator\.ratio$/;

/** A target's figure: a percentage for rates, ratios and changes, else a number; an em dash for none. */
export const figureIn = (locale: string, metric: string, value: number | null) =>
  value === null ? '—' : PERCENT_METRICS.test(metric) ? percentIn(locale, value) : numberIn(locale, value);

export const ENGLISH_STATUS = { achieved: 'Achieved', on_track: 'On track', at_risk: 'At risk', missed: 'Missed' };
export const VIETNAMESE_STATUS = {
  achieved: 'Đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Nguy cơ không đạt',
  missed: 'Không đạt',
};
