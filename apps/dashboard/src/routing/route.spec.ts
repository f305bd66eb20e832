import { formatHash, parseHash } from './route';

describe('the address in the hash', () => {
  it('reads each view with its unit, and the time controls', () => {
    expect(parseHash('#/scorecard/VN-LCI?at=2024-06-30&asOf=2024-07-05T03%3A00%3A00.000Z')).toEqual({
      route: { view: 'scorecard', unitId: 'VN-LCI' },
      time: { at: '2024-06-30', asOf: '2024-07-05T03:00:00.000Z' },
    });
    expect(parseHash('#/unit/VN-LCI?figure=deaths').route).toEqual({ view: 'unit', unitId: 'VN-LCI', figure: 'deaths' });
    expect(parseHash('#/evidence/SC-138%2F2024/t1?unit=VN-LCI').route).toEqual({
      view: 'evidence',
      directiveId: 'SC-138/2024',
      targetId: 't1',
      unitId: 'VN-LCI',
    });
    expect(parseHash('#/cases/VN').route).toEqual({ view: 'cases', unitId: 'VN' });
    expect(parseHash('#/hotspots/VN-LCI?highlight=LCI-HS-0042').route).toEqual({
      view: 'hotspots',
      unitId: 'VN-LCI',
      highlight: 'LCI-HS-0042',
    });
  });

  it('answers home for an empty hash and not-found for anything else', () => {
    expect(parseHash('').route).toEqual({ view: 'home' });
    expect(parseHash('#/').route).toEqual({ view: 'home' });
    expect(parseHash('#/scorecard').route).toEqual({ view: 'not-found' });
    expect(parseHash('#/evidence/D/T').route).toEqual({ view: 'not-found' }); // no unit
    expect(parseHash('#/elsewhere/VN').route).toEqual({ view: 'not-found' });
  });

  it('drops a malformed time or figure instead of sending it to the API', () => {
    expect(parseHash('#/scorecard/VN?at=2024-02-30&asOf=yesterday').time).toEqual({});
    expect(parseHash('#/unit/VN?figure=bogus').route).toEqual({ view: 'unit', unitId: 'VN', figure: 'casesOpened' });
  });

  it('writes what it reads', () => {
    const addresses = [
      '#/scorecard/VN-LCI?at=2024-06-30&asOf=2024-07-05T03%3A00%3A00.000Z',
      '#/unit/VN-LCI?figure=deaths&at=2024-06-30',
      '#/unit/VN-LCI',
      '#/evidence/SC-138%2F2024/t1?unit=VN-LCI',
      '#/hotspots/VN',
      '#/cases/VN-LCI-LCC-COCSAN?highlight=LC-2024-000123',
    ];
    for (const address of addresses) expect(formatHash(parseHash(address))).toBe(address);
  });
});
