import { unitAggregate } from '../aggregate';
import { contextOf, EMPTY_CONTEXT } from '../context';
import { given } from '../testing/given-when-then';
import { event, registered, TREE, TREE_CONTEXT, unitRegistered } from '../testing/fixtures';
import { parentAsOf, type RegisteredUnit } from './unit.state';

const COCSAN = 'VN-LCI-LCC-COCSAN';
const registerCocSan = unitRegistered(COCSAN, 'commune', 'VN-LCI-LCC', '2024-01-01T00:00:00+07:00');
const moveCocSan = (parentUnitId: string, occurredAt = '2025-07-01T00:00:00+07:00') =>
  event('UnitReassigned', { unitId: COCSAN, parentUnitId }, occurredAt);

describe('unit', () => {
  describe('given no unit yet', () => {
    it('registers the ministry, which has no parent', () => {
      given(unitAggregate, [], EMPTY_CONTEXT)
        .when(unitRegistered('VN', 'ministry', null, '2024-01-01T00:00:00+07:00'))
        .then({
          status: 'registered',
          unitId: 'VN',
          name: 'VN police',
          level: 'ministry',
          parentUnitId: null,
          parents: [{ parentUnitId: null, from: '2024-01-01T00:00:00+07:00' }],
          registeredAt: '2024-01-01T00:00:00+07:00',
        });
    });

    it('registers a commune under its district', () => {
      const state = given(unitAggregate, [], TREE_CONTEXT).when(registerCocSan).then();
      expect(state).toMatchObject({ status: 'registered', level: 'commune', parentUnitId: 'VN-LCI-LCC' });
    });

    it('registers a commune directly under a province (the two-level model)', () => {
      given(unitAggregate, [], TREE_CONTEXT)
        .when(unitRegistered('VN-LCI-BATXAT', 'commune', 'VN-LCI'))
        .then();
    });

    it('rejects UNIT_NOT_FOUND when the parent is not registered', () => {
      const error = given(unitAggregate, [], contextOf([TREE.VN]))
        .when(registerCocSan)
        .thenRejects('UNIT_NOT_FOUND');
      expect(error.message).toBe('parent unit VN-LCI-LCC is not registered');
    });

    it('rejects INVALID_TRANSITION under a parent of the same level', () => {
      const error = given(unitAggregate, [], TREE_CONTEXT)
        .when(unitRegistered('VN-LCI-BATXAT', 'district', 'VN-LCI-LCC'))
        .thenRejects('INVALID_TRANSITION');
      expect(error.message).toBe('a district cannot sit under VN-LCI-LCC, a district');
    });

    it('rejects INVALID_TRANSITION under a parent of a lower level', () => {
      given(unitAggregate, [], TREE_CONTEXT)
        .when(unitRegistered('VN-LCI-2', 'province', COCSAN))
        .thenRejects('INVALID_TRANSITION');
    });

    it('rejects UNIT_NOT_FOUND for a move', () => {
      given(unitAggregate, [], TREE_CONTEXT).when(moveCocSan('VN-LCI')).thenRejects('UNIT_NOT_FOUND');
    });
  });

  describe('given a registered commune', () => {
    const history = [registerCocSan];

    it('rejects INVALID_TRANSITION when registered again', () => {
      given(unitAggregate, history, TREE_CONTEXT).when(registerCocSan).thenRejects('INVALID_TRANSITION');
    });

    it('moves under its province from 1 July 2025, keeping the old parent before', () => {
      const state = given(unitAggregate, history, TREE_CONTEXT)
        .when(moveCocSan('VN-LCI'))
        .then({
          status: 'registered',
          unitId: COCSAN,
          name: `${COCSAN} police`,
          level: 'commune',
          parentUnitId: 'VN-LCI',
          parents: [
            { parentUnitId: 'VN-LCI-LCC', from: '2024-01-01T00:00:00+07:00' },
            { parentUnitId: 'VN-LCI', from: '2025-07-01T00:00:00+07:00' },
          ],
          registeredAt: '2024-01-01T00:00:00+07:00',
        }) as RegisteredUnit;
      expect(parentAsOf(state, '2025-06-30T16:59:59Z')).toBe('VN-LCI-LCC');
      expect(parentAsOf(state, '2025-06-30T17:00:00Z')).toBe('VN-LCI');
    });

    it('moves to another province', () => {
      given(unitAggregate, history, TREE_CONTEXT).when(moveCocSan('VN-YBI')).then();
    });

    it('rejects UNIT_CYCLE when moved under itself', () => {
      const error = given(unitAggregate, history, TREE_CONTEXT).when(moveCocSan(COCSAN)).thenRejects('UNIT_CYCLE');
      expect(error.message).toBe(`unit ${COCSAN} cannot be its own parent`);
    });

    it('rejects UNIT_NOT_FOUND when the new parent is not registered', () => {
      given(unitAggregate, history, TREE_CONTEXT).when(moveCocSan('VN-HNI')).thenRejects('UNIT_NOT_FOUND');
    });

    it('rejects INVALID_TRANSITION under another commune', () => {
      const context = contextOf([...Object.values(TREE), registered('VN-LCI-LCC-VANHOA', 'commune', 'VN-LCI-LCC')]);
      given(unitAggregate, history, context).when(moveCocSan('VN-LCI-LCC-VANHOA')).thenRejects('INVALID_TRANSITION');
    });

    it('rejects INVALID_TRANSITION for a move dated before its registration', () => {
      const error = given(unitAggregate, history, TREE_CONTEXT)
        .when(moveCocSan('VN-LCI', '2023-12-31T16:59:59Z'))
        .thenRejects('INVALID_TRANSITION');
      expect(error.message).toContain('before its registration');
    });

    it('accepts a move at the instant of its registration, whatever the offset', () => {
      given(unitAggregate, history, TREE_CONTEXT).when(moveCocSan('VN-LCI', '2023-12-31T17:00:00Z')).then();
    });
  });

  describe('given a province with a district and a commune below it', () => {
    const history = [unitRegistered('VN-LCI', 'province', 'VN')];

    it('rejects UNIT_CYCLE when moved under its own commune', () => {
      const error = given(unitAggregate, history, TREE_CONTEXT)
        .when(event('UnitReassigned', { unitId: 'VN-LCI', parentUnitId: COCSAN }))
        .thenRejects('UNIT_CYCLE');
      expect(error.message).toBe(`unit ${COCSAN} lies under VN-LCI, so it cannot become its parent`);
    });
  });

  describe('given the ministry', () => {
    it('rejects INVALID_TRANSITION for any move', () => {
      given(unitAggregate, [unitRegistered('VN', 'ministry', null)], TREE_CONTEXT)
        .when(event('UnitReassigned', { unitId: 'VN', parentUnitId: 'VN-LCI' }))
        .thenRejects('INVALID_TRANSITION');
    });
  });

  describe('given a commune moved twice, the moves recorded out of order', () => {
    const history = [
      registerCocSan,
      moveCocSan('VN-YBI', '2025-09-01T00:00:00+07:00'),
      moveCocSan('VN-LCI', '2025-07-01T00:00:00+07:00'),
    ];
    const state = given(unitAggregate, history).state as RegisteredUnit;

    it('keeps the history in business-time order, the latest move being the current parent', () => {
      expect(state.parents.map((period) => period.parentUnitId)).toEqual(['VN-LCI-LCC', 'VN-LCI', 'VN-YBI']);
      expect(state.parentUnitId).toBe('VN-YBI');
    });

    it('answers the parent as of any instant', () => {
      expect(parentAsOf(state, '2023-06-01T00:00:00Z')).toBe('VN-LCI-LCC');
      expect(parentAsOf(state, '2025-06-15T00:00:00+07:00')).toBe('VN-LCI-LCC');
      expect(parentAsOf(state, '2025-08-01T00:00:00+07:00')).toBe('VN-LCI');
      expect(parentAsOf(state, '2025-09-01T00:00:00+07:00')).toBe('VN-YBI');
    });
  });
});
