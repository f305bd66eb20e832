import { EVENT_TYPES } from './envelope';
import { EXAMPLE_EVENTS } from './examples';
import { CATEGORIES, categoryOfStream, isStreamId, streamOf } from './streams';

describe('streamOf', () => {
  it.each([
    ['UnitReassigned', 'units', 'unit-VN-LCI-LCC-COCSAN'],
    ['DirectiveIssued', 'directives', 'directive-SC-138-2024'],
    ['TargetSet', 'directives', 'directive-SC-138-2024'],
    ['CaseOpened', 'cases', 'case-LC-2024-000123'],
    ['ArrestMade', 'cases', 'case-LC-2024-000123'],
    ['HotspotListed', 'hotspots', 'hotspot-LCI-HS-0042'],
    ['WeaponsCollected', 'measures', 'measure-VN-LCI-LCC-COCSAN'],
    ['IndicatorMeasured', 'measures', 'measure-VN-LCI'],
    ['IncidentRecorded', 'measures', 'measure-VN-LCI-LCC'],
  ] as const)('puts %s in %s stream %s', (type, category, streamId) => {
    expect(streamOf(EXAMPLE_EVENTS[type])).toEqual({ category, streamId });
  });

  it('gives every event type a stream whose category reads back', () => {
    for (const type of EVENT_TYPES) {
      const { category, streamId } = streamOf(EXAMPLE_EVENTS[type]);
      expect(categoryOfStream(streamId)).toBe(category);
    }
  });
});

describe('categoryOfStream', () => {
  it('lists the five categories in topic order', () => {
    expect(CATEGORIES).toEqual(['units', 'directives', 'cases', 'hotspots', 'measures']);
  });

  it('reads the prefix only, ids may hold dashes', () => {
    expect(categoryOfStream('measure-unit-1')).toBe('measures');
    expect(categoryOfStream('case-unit-1')).toBe('cases');
  });

  it.each(['unit-', 'cases-1', 'report-1', ''])('throws on %j, which Vigil never produces', (streamId) => {
    expect(isStreamId(streamId)).toBe(false);
    expect(() => categoryOfStream(streamId)).toThrow(`not a Vigil stream id: ${JSON.stringify(streamId)}`);
  });
});
