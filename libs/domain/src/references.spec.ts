import { EXAMPLE_EVENTS } from '@vigil/contract';
import { caseAggregate, directiveAggregate, hotspotAggregate } from './aggregate';
import { needsAncestorsOf, scopeUnitsOf, unitsReferencedBy } from './references';
import { event } from './testing/fixtures';

const openCase = caseAggregate.evolve(caseAggregate.initial, EXAMPLE_EVENTS.CaseOpened);
const knownHotspot = hotspotAggregate.evolve(hotspotAggregate.initial, EXAMPLE_EVENTS.HotspotIdentified);
const directiveWithTarget = [EXAMPLE_EVENTS.DirectiveIssued, EXAMPLE_EVENTS.TargetSet].reduce(
  directiveAggregate.evolve,
  directiveAggregate.initial,
);

describe('unitsReferencedBy', () => {
  it.each([
    ['UnitRegistered', ['VN-LCI-LCC']],
    ['UnitReassigned', ['VN-LCI-LCC-COCSAN', 'VN-LCI']],
    ['DirectiveIssued', ['VN-LCI']],
    ['TargetSet', ['VN-LCI']],
    ['CaseOpened', ['VN-LCI-LCC-COCSAN']],
    ['HotspotIdentified', ['VN-LCI-LCC-COCSAN']],
    ['WeaponsCollected', ['VN-LCI-LCC-COCSAN']],
    ['IndicatorMeasured', ['VN-LCI']],
    ['IncidentRecorded', ['VN-LCI-LCC']],
  ] as const)('names the units %s carries: %j', (type, unitIds) => {
    expect(unitsReferencedBy(EXAMPLE_EVENTS[type])).toEqual(unitIds);
  });

  it('names no unit for the ministry, which has no parent', () => {
    const ministry = event('UnitRegistered', {
      unitId: 'VN',
      name: 'Ministry of Public Security',
      level: 'ministry',
      parentUnitId: null,
    });
    expect(unitsReferencedBy(ministry)).toEqual([]);
  });

  it.each(['CaseCleared', 'ArrestMade', 'CaseProsecuted', 'CaseReclassified'] as const)(
    'takes the unit of the case from the stream state for %s',
    (type) => {
      expect(unitsReferencedBy(EXAMPLE_EVENTS[type], openCase)).toEqual(['VN-LCI-LCC-COCSAN']);
    },
  );

  it.each(['HotspotListed', 'HotspotTransformed', 'HotspotRelapsed', 'HotspotEliminated'] as const)(
    'takes the unit of the hotspot from the stream state for %s',
    (type) => {
      expect(unitsReferencedBy(EXAMPLE_EVENTS[type], knownHotspot)).toEqual(['VN-LCI-LCC-COCSAN']);
    },
  );

  it.each(['TargetRevised', 'TargetWithdrawn'] as const)('takes the unit of the target for %s', (type) => {
    expect(unitsReferencedBy(EXAMPLE_EVENTS[type], directiveWithTarget)).toEqual(['VN-LCI']);
  });

  it('names nothing when the stream has no state yet (the decision then answers NOT_FOUND)', () => {
    expect(unitsReferencedBy(EXAMPLE_EVENTS.CaseCleared)).toEqual([]);
    expect(unitsReferencedBy(EXAMPLE_EVENTS.TargetRevised, directiveAggregate.initial)).toEqual([]);
  });
});

describe('needsAncestorsOf', () => {
  it("asks for a move's new parent, whose ancestors the cycle check walks", () => {
    expect(needsAncestorsOf(EXAMPLE_EVENTS.UnitReassigned)).toBe('VN-LCI');
  });

  it.each(['UnitRegistered', 'CaseOpened', 'TargetSet'] as const)('asks for nothing for %s', (type) => {
    expect(needsAncestorsOf(EXAMPLE_EVENTS[type])).toBeNull();
  });
});

describe('scopeUnitsOf', () => {
  it('names the units the event references, as for loading them', () => {
    expect(scopeUnitsOf(EXAMPLE_EVENTS.UnitReassigned)).toEqual(['VN-LCI-LCC-COCSAN', 'VN-LCI']);
    expect(scopeUnitsOf(EXAMPLE_EVENTS.ArrestMade, openCase)).toEqual(['VN-LCI-LCC-COCSAN']);
  });

  it('names "above every unit" (null) for a root, which only an operator may register', () => {
    const ministry = event('UnitRegistered', { unitId: 'VN', name: 'Ministry', level: 'ministry', parentUnitId: null });
    expect(scopeUnitsOf(ministry)).toEqual([null]);
  });

  it('names no unit for an event on an aggregate that does not exist', () => {
    expect(scopeUnitsOf(EXAMPLE_EVENTS.CaseCleared)).toEqual([]);
  });
});
