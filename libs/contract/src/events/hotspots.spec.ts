import { exampleWith, parsePosted, pathsAndCodes } from '../testing/envelopes';

describe('hotspot events', () => {
  it.each(['drug_hotspot', 'drug_retail_point', 'complex_area'])('HotspotIdentified takes the kind %s', (kind) => {
    expect(parsePosted(exampleWith('HotspotIdentified', { kind })).ok).toBe(true);
  });

  it('HotspotIdentified refuses another kind', () => {
    expect(pathsAndCodes(exampleWith('HotspotIdentified', { kind: 'casino' }))).toEqual([['/data/kind', 'invalid_value']]);
  });

  it.each([2024.5, '2024', 24])('HotspotListed refuses the year %p', (year) => {
    expect(pathsAndCodes(exampleWith('HotspotListed', { year }))[0]?.[0]).toBe('/data/year');
  });

  it.each(['HotspotTransformed', 'HotspotRelapsed', 'HotspotEliminated'] as const)('%s carries only the hotspot id', (type) => {
    expect(pathsAndCodes(exampleWith(type, { year: 2024 }))).toEqual([['/data/year', 'unrecognized_keys']]);
  });
});
