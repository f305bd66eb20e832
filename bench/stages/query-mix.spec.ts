import { balancedMix, distinctRequests, requestUrl, type QueryRequest } from './query-mix';

const key = (request: QueryRequest) => `${request.path}?${new URLSearchParams(request.params).toString()}`;

describe('distinctRequests', () => {
  const requests = distinctRequests(['RES-12'], ['VN', 'VN-HNI'], ['2026-12-05T13:35:10.250Z', '2026-12-06']);
  const ofKind = (kind: QueryRequest['kind']) => requests.filter((request) => request.kind === kind).map(key);

  it('asks progress for the targets’ own units and for each unit, now and as of each moment', () => {
    expect(ofKind('progress')).toEqual([
      '/v1/directives/RES-12/progress?',
      '/v1/directives/RES-12/progress?asOf=2026-12-05T13%3A35%3A10.250Z',
      '/v1/directives/RES-12/progress?asOf=2026-12-06',
      '/v1/directives/RES-12/progress?unitId=VN',
      '/v1/directives/RES-12/progress?unitId=VN&asOf=2026-12-05T13%3A35%3A10.250Z',
      '/v1/directives/RES-12/progress?unitId=VN&asOf=2026-12-06',
      '/v1/directives/RES-12/progress?unitId=VN-HNI',
      '/v1/directives/RES-12/progress?unitId=VN-HNI&asOf=2026-12-05T13%3A35%3A10.250Z',
      '/v1/directives/RES-12/progress?unitId=VN-HNI&asOf=2026-12-06',
    ]);
  });

  it('asks stats over a year and a quarter, with and without a category', () => {
    const now = ofKind('stats').filter((request) => !request.includes('asOf'));
    expect(now).toEqual([
      '/v1/units/VN/stats?from=2025-01-01&to=2025-12-31',
      '/v1/units/VN/stats?from=2025-01-01&to=2025-12-31&category=drugs',
      '/v1/units/VN/stats?from=2024-10-01&to=2024-12-31',
      '/v1/units/VN/stats?from=2024-10-01&to=2024-12-31&category=drugs',
      '/v1/units/VN-HNI/stats?from=2025-01-01&to=2025-12-31',
      '/v1/units/VN-HNI/stats?from=2025-01-01&to=2025-12-31&category=drugs',
      '/v1/units/VN-HNI/stats?from=2024-10-01&to=2024-12-31',
      '/v1/units/VN-HNI/stats?from=2024-10-01&to=2024-12-31&category=drugs',
    ]);
    expect(ofKind('stats')).toHaveLength(24);
  });

  it('asks compare at the country’s last day, and a daily series over its last year', () => {
    expect(ofKind('compare').filter((request) => request.startsWith('/v1/units/VN-HNI/') && !request.includes('asOf'))).toEqual([
      '/v1/units/VN-HNI/compare?at=2025-12-31',
      '/v1/units/VN-HNI/compare?at=2025-12-31&category=drugs',
      '/v1/units/VN-HNI/compare?at=2025-12-31&basis=current',
    ]);
    expect(ofKind('series').filter((request) => request.endsWith('asOf=2026-12-06'))).toEqual([
      '/v1/units/VN/series?figure=casesOpened&grain=day&from=2025-01-01&to=2025-12-31&asOf=2026-12-06',
      '/v1/units/VN/series?figure=clearanceRate&grain=day&from=2025-01-01&to=2025-12-31&asOf=2026-12-06',
      '/v1/units/VN-HNI/series?figure=casesOpened&grain=day&from=2025-01-01&to=2025-12-31&asOf=2026-12-06',
      '/v1/units/VN-HNI/series?figure=clearanceRate&grain=day&from=2025-01-01&to=2025-12-31&asOf=2026-12-06',
    ]);
  });

  it('builds the URL on the service’s base', () => {
    expect(
      requestUrl(
        'http://127.0.0.1:8080',
        requests.find((request) => request.kind === 'compare')!,
      ),
    ).toBe('http://127.0.0.1:8080/v1/units/VN/compare?at=2025-12-31');
  });
});

describe('balancedMix', () => {
  it('draws as many of each non-empty group, every distinct one as often as the others give or take one, interleaved', () => {
    const mix = balancedMix([['a1', 'a2', 'a3'], [], ['b1']], 7, 'vigil');

    const counts = Object.fromEntries(['a1', 'a2', 'a3', 'b1'].map((id) => [id, mix.filter((m) => m === id).length]));
    expect(counts).toEqual({ a1: 3, a2: 2, a3: 2, b1: 7 });
    expect(mix.slice(0, 7).every((m) => m.startsWith('a'))).toBe(false);
    expect(balancedMix([['a1', 'a2', 'a3'], [], ['b1']], 7, 'vigil')).toEqual(mix);
  });
});
