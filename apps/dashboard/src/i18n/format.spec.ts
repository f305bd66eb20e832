import { createFormat } from './format';
import { en } from './messages-en';
import { vi } from './messages-vi';

describe('figures as each language writes them', () => {
  const english = createFormat('en-GB');
  const vietnamese = createFormat('vi-VN');

  it('uses a decimal comma and dots for thousands in Vietnamese', () => {
    expect(vietnamese.number(13400.5)).toBe('13.400,5');
    expect(vietnamese.percent(78.82)).toBe('78,82%');
    expect(english.number(13400.5)).toBe('13,400.5');
    expect(english.percent(-32.1)).toBe('-32.1%');
  });

  it('writes a missing figure as a dash, never as 0', () => {
    expect(english.number(null)).toBe('—');
    expect(vietnamese.percent(undefined)).toBe('—');
  });

  it('keeps a calendar date on its day whatever the zone', () => {
    expect(english.date('2024-12-31')).toBe('31 Dec 2024');
    expect(vietnamese.date('2024-12-31')).toBe('31 thg 12, 2024');
  });
});

describe('the Vietnamese catalogue', () => {
  it('translates every status and metric (no English left behind)', () => {
    for (const key of Object.keys(en.status) as (keyof typeof en.status)[]) expect(vi.status[key]).not.toBe(en.status[key]);
    for (const key of Object.keys(en.metric) as (keyof typeof en.metric)[]) expect(vi.metric[key]).not.toBe(en.metric[key]);
    expect(vi.status).toEqual({ achieved: 'Đạt', on_track: 'Đúng tiến độ', at_risk: 'Nguy cơ không đạt', missed: 'Không đạt' });
  });
});
