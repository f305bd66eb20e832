import type { CategoryEvent } from '@vigil/contract';
import { measureAggregate } from '../aggregate';
import { contextOf } from '../context';
import { given } from '../testing/given-when-then';
import { event, TREE, TREE_CONTEXT } from '../testing/fixtures';

const UNIT = 'VN-LCI-LCC-COCSAN';
const weapons = event('WeaponsCollected', { unitId: UNIT, items: 20, kind: 'homemade' });
const indicator = event('IndicatorMeasured', { unitId: UNIT, indicator: 'eid.level2.activated', value: 3083, denominator: 3332 });
const incident = event('IncidentRecorded', { unitId: UNIT, kind: 'traffic_accident', deaths: 1, injuries: 2 });
const MEASURES: CategoryEvent<'measures'>[] = [weapons, indicator, incident];

describe('measure', () => {
  describe('given no measures yet for the unit', () => {
    it.each(MEASURES)('records $type', (next) => {
      given(measureAggregate, [], TREE_CONTEXT).when(next).then({ status: 'recording', unitId: UNIT, events: 1 });
    });

    it.each(MEASURES)('rejects UNIT_NOT_FOUND for $type when the unit is not registered', (next) => {
      const error = given(measureAggregate, [], contextOf([TREE.VN, TREE.LCI]))
        .when(next)
        .thenRejects('UNIT_NOT_FOUND');
      expect(error.message).toBe(`unit ${UNIT} is not registered`);
    });
  });

  describe('given recorded measures', () => {
    it('counts one more event', () => {
      given(measureAggregate, MEASURES, TREE_CONTEXT).when(weapons).then({ status: 'recording', unitId: UNIT, events: 4 });
    });
  });
});
