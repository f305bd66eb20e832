import type { CategoryEvent, HotspotKind } from '@vigil/contract';
import { hotspotAggregate } from '../aggregate';
import { contextOf } from '../context';
import { given } from '../testing/given-when-then';
import { event, TREE, TREE_CONTEXT } from '../testing/fixtures';

const HOTSPOT = 'LCI-HS-0042';
const identified = (kind: HotspotKind = 'drug_retail_point') =>
  event(
    'HotspotIdentified',
    { hotspotId: HOTSPOT, unitId: 'VN-LCI-LCC-COCSAN', kind, name: 'Km 7 riverside point' },
    '2024-02-01T08:00:00+07:00',
  );
const listed = (year: number) => event('HotspotListed', { hotspotId: HOTSPOT, year });
const transformed = event('HotspotTransformed', { hotspotId: HOTSPOT });
const relapsed = event('HotspotRelapsed', { hotspotId: HOTSPOT });
const eliminated = event('HotspotEliminated', { hotspotId: HOTSPOT });

const known = {
  hotspotId: HOTSPOT,
  unitId: 'VN-LCI-LCC-COCSAN',
  kind: 'drug_retail_point',
  name: 'Km 7 riverside point',
  identifiedAt: '2024-02-01T08:00:00+07:00',
} as const;

const givenHotspot = (history: CategoryEvent<'hotspots'>[]) => given(hotspotAggregate, history, TREE_CONTEXT);

describe('hotspot', () => {
  describe('given no hotspot yet', () => {
    it('identifies it in its unit', () => {
      givenHotspot([])
        .when(identified())
        .then({ ...known, status: 'identified', listedYears: [] });
    });

    it('rejects UNIT_NOT_FOUND when the unit is not registered', () => {
      given(hotspotAggregate, [], contextOf([TREE.VN]))
        .when(identified())
        .thenRejects('UNIT_NOT_FOUND');
    });

    it.each([listed(2024), transformed, relapsed, eliminated])('rejects HOTSPOT_NOT_FOUND for $type', (next) => {
      const error = givenHotspot([]).when(next).thenRejects('HOTSPOT_NOT_FOUND');
      expect(error.message).toBe(`hotspot ${HOTSPOT} has not been identified`);
    });
  });

  describe('given an identified hotspot, on no list', () => {
    const history = [identified()];

    it('rejects INVALID_TRANSITION when identified again', () => {
      givenHotspot(history).when(identified()).thenRejects('INVALID_TRANSITION');
    });

    it('lists it for 2024', () => {
      givenHotspot(history)
        .when(listed(2024))
        .then({ ...known, status: 'identified', listedYears: [2024] });
    });

    it('rejects INVALID_TRANSITION for a transformation, as it is not listed', () => {
      const error = givenHotspot(history).when(transformed).thenRejects('INVALID_TRANSITION');
      expect(error.message).toBe(`hotspot ${HOTSPOT} is not on a transformation list`);
    });

    it('rejects INVALID_TRANSITION for a relapse, as it is not transformed', () => {
      givenHotspot(history).when(relapsed).thenRejects('INVALID_TRANSITION');
    });

    it('eliminates a drug retail point', () => {
      givenHotspot(history)
        .when(eliminated)
        .then({ ...known, status: 'eliminated', listedYears: [] });
    });
  });

  describe('given a listed hotspot', () => {
    const history = [identified(), listed(2024)];

    it('rejects INVALID_TRANSITION for the same year again', () => {
      const error = givenHotspot(history).when(listed(2024)).thenRejects('INVALID_TRANSITION');
      expect(error.message).toBe(`hotspot ${HOTSPOT} is already on the 2024 list`);
    });

    it('lists it for another year too', () => {
      givenHotspot(history)
        .when(listed(2025))
        .then({ ...known, status: 'identified', listedYears: [2024, 2025] });
    });

    it('transforms it', () => {
      givenHotspot(history)
        .when(transformed)
        .then({ ...known, status: 'transformed', listedYears: [2024] });
    });

    it('rejects INVALID_TRANSITION for a relapse', () => {
      givenHotspot(history).when(relapsed).thenRejects('INVALID_TRANSITION');
    });
  });

  describe('given a transformed hotspot', () => {
    const history = [identified(), listed(2024), transformed];

    it('rejects INVALID_TRANSITION when transformed again', () => {
      givenHotspot(history).when(transformed).thenRejects('INVALID_TRANSITION');
    });

    it('takes a relapse', () => {
      givenHotspot(history)
        .when(relapsed)
        .then({ ...known, status: 'identified', listedYears: [2024] });
    });

    it('stays transformed when listed for the next year, to be kept from falling back', () => {
      givenHotspot(history)
        .when(listed(2025))
        .then({ ...known, status: 'transformed', listedYears: [2024, 2025] });
    });

    it('eliminates it', () => {
      givenHotspot(history)
        .when(eliminated)
        .then({ ...known, status: 'eliminated', listedYears: [2024] });
    });
  });

  describe('given a relapsed hotspot', () => {
    const history = [identified(), listed(2024), transformed, relapsed];

    it('transforms it again', () => {
      givenHotspot(history)
        .when(transformed)
        .then({ ...known, status: 'transformed', listedYears: [2024] });
    });

    it('rejects INVALID_TRANSITION for a second relapse', () => {
      givenHotspot(history).when(relapsed).thenRejects('INVALID_TRANSITION');
    });
  });

  describe('given a complex area', () => {
    it('rejects INVALID_TRANSITION for an elimination: complex areas are transformed', () => {
      const error = givenHotspot([identified('complex_area'), listed(2024)])
        .when(eliminated)
        .thenRejects('INVALID_TRANSITION');
      expect(error.message).toBe(`hotspot ${HOTSPOT} is a complex_area, which is transformed, not eliminated`);
    });
  });

  describe('given a drug hotspot', () => {
    it('eliminates it', () => {
      givenHotspot([identified('drug_hotspot')])
        .when(eliminated)
        .then({ ...known, kind: 'drug_hotspot', status: 'eliminated', listedYears: [] });
    });
  });

  describe('given an eliminated hotspot', () => {
    const history = [identified(), listed(2024), eliminated];

    it.each([identified(), listed(2025), transformed, relapsed, eliminated])('rejects INVALID_TRANSITION for $type', (next) => {
      givenHotspot(history).when(next).thenRejects('INVALID_TRANSITION');
    });
  });
});
