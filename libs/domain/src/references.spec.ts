import { EXAMPLE_EVENTS } from '@vigil/contract';
import { caseAggregate, directiveAggregate, hotspotAggregate } from './aggregate';
import { needsAncestorsOf, scopeUnitsOf, unitsReferencedBy } from './references';
import { writeOutsideScope } from './scope';
import { event, TREE } from './testing/fixtures';

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

  describe('a target event of an issued directive', () => {
    const ministryDirective = directiveAggregate.evolve(
      directiveAggregate.initial,
      event('DirectiveIssued', { directiveId: 'RES-12', code: 'RES-12', title: 'Commune police', issuedByUnitId: 'VN' }),
    );
    const withProvinceTarget = directiveAggregate.evolve(
      ministryDirective,
      event('TargetSet', { ...EXAMPLE_EVENTS.TargetSet.data, directiveId: 'RES-12', unitId: 'VN-LCI' }),
    );

    it('names the issuing unit first, then the target’s unit, for TargetSet', () => {
      expect(unitsReferencedBy(EXAMPLE_EVENTS.TargetSet, ministryDirective)).toEqual(['VN', 'VN-LCI']);
    });

    it.each(['TargetRevised', 'TargetWithdrawn'] as const)('names the issuing unit and the target’s unit for %s', (type) => {
      expect(unitsReferencedBy(EXAMPLE_EVENTS[type], withProvinceTarget)).toEqual(['VN', 'VN-LCI']);
    });

    it('names the issuing unit once when the target is set for it', () => {
      expect(unitsReferencedBy(EXAMPLE_EVENTS.TargetRevised, directiveWithTarget)).toEqual(['VN-LCI']);
    });
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

  describe('a target event: only a caller whose subtree holds the directive’s issuing unit may write it', () => {
    const units = new Map(Object.values(TREE).map((unit) => [unit.unitId, unit]));
    const provinceDirective = directiveAggregate.evolve(
      directiveAggregate.initial,
      event('DirectiveIssued', { directiveId: 'SC-YBI', code: 'SC-138/2024', title: 'Plan', issuedByUnitId: 'VN-YBI' }),
    );
    const onItForLaoCai = event('TargetSet', { ...EXAMPLE_EVENTS.TargetSet.data, directiveId: 'SC-YBI', unitId: 'VN-LCI' });

    it('refuses another province’s upstream, though the target is set for its own unit', () => {
      const laoCai = { role: 'upstream', unit: 'VN-LCI' };
      expect(writeOutsideScope(laoCai, units, scopeUnitsOf(onItForLaoCai, provinceDirective))).toBe('VN-YBI');
    });

    it('accepts a caller above both units, and the operator', () => {
      expect(writeOutsideScope({ role: 'upstream', unit: 'VN' }, units, scopeUnitsOf(onItForLaoCai, provinceDirective))).toBe(
        undefined,
      );
      expect(writeOutsideScope({ role: 'operator', unit: 'VN-LCI' }, units, scopeUnitsOf(onItForLaoCai, provinceDirective))).toBe(
        undefined,
      );
    });

    it('refuses the issuing province’s upstream a target for a unit outside its subtree', () => {
      const yenBai = { role: 'upstream', unit: 'VN-YBI' };
      expect(writeOutsideScope(yenBai, units, scopeUnitsOf(onItForLaoCai, provinceDirective))).toBe('VN-LCI');
    });
  });

  it('names no unit for an event on an aggregate that does not exist', () => {
    expect(scopeUnitsOf(EXAMPLE_EVENTS.CaseCleared)).toEqual([]);
  });
});
