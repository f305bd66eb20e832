import type { CategoryEvent } from '@vigil/contract';
import { directiveAggregate } from '../aggregate';
import { contextOf } from '../context';
import { given } from '../testing/given-when-then';
import { event, TREE, TREE_CONTEXT } from '../testing/fixtures';
import type { IssuedDirective, TargetState } from './directive.state';

const DIRECTIVE = 'SC-138-2024';
const issued = event(
  'DirectiveIssued',
  { directiveId: DIRECTIVE, code: 'SC-138/2024', title: 'Steering Committee 138 plan, 2024', issuedByUnitId: 'VN-LCI' },
  '2024-01-15T09:00:00+07:00',
);
const targetSet = event(
  'TargetSet',
  {
    directiveId: DIRECTIVE,
    targetId: 'clearance',
    unitId: 'VN-LCI',
    metric: 'cases.clearanceRate',
    comparator: 'atLeast',
    value: 88.03,
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
  },
  '2024-01-15T09:05:00+07:00',
);
const revised = (data: { value?: number; periodEnd?: string }) =>
  event('TargetRevised', { directiveId: DIRECTIVE, targetId: 'clearance', ...data }, '2024-06-30T10:00:00+07:00');
const withdrawn = event(
  'TargetWithdrawn',
  { directiveId: DIRECTIVE, targetId: 'clearance', reason: 'merged into RES-12' },
  '2024-09-01T10:00:00+07:00',
);

const issuedDirective = {
  status: 'issued',
  directiveId: DIRECTIVE,
  code: 'SC-138/2024',
  title: 'Steering Committee 138 plan, 2024',
  issuedByUnitId: 'VN-LCI',
  issuedAt: '2024-01-15T09:00:00+07:00',
  targets: new Map(),
} as const;
const { directiveId: _directiveId, ...terms } = targetSet.data;
const activeTarget = { ...terms, setAt: '2024-01-15T09:05:00+07:00', status: 'active' } as const;
const withTarget = (target: TargetState): IssuedDirective => ({ ...issuedDirective, targets: new Map([['clearance', target]]) });

const givenDirective = (history: CategoryEvent<'directives'>[]) => given(directiveAggregate, history, TREE_CONTEXT);

describe('directive', () => {
  describe('given no directive yet', () => {
    it('issues it', () => {
      givenDirective([]).when(issued).then(issuedDirective);
    });

    it('rejects UNIT_NOT_FOUND when the issuing unit is not registered', () => {
      const error = given(directiveAggregate, [], contextOf([TREE.VN]))
        .when(issued)
        .thenRejects('UNIT_NOT_FOUND');
      expect(error.message).toBe('issuing unit VN-LCI is not registered');
    });

    it.each([targetSet, revised({ value: 90 }), withdrawn])('rejects DIRECTIVE_NOT_FOUND for $type', (next) => {
      const error = givenDirective([]).when(next).thenRejects('DIRECTIVE_NOT_FOUND');
      expect(error.message).toBe(`directive ${DIRECTIVE} has not been issued`);
    });
  });

  describe('given an issued directive', () => {
    const history = [issued];

    it('rejects INVALID_TRANSITION when issued again', () => {
      givenDirective(history).when(issued).thenRejects('INVALID_TRANSITION');
    });

    it('sets a target', () => {
      givenDirective(history).when(targetSet).then(withTarget(activeTarget));
    });

    it('rejects UNIT_NOT_FOUND for a target on an unknown unit', () => {
      const elsewhere = event('TargetSet', { ...targetSet.data, unitId: 'VN-HNI' });
      const error = givenDirective(history).when(elsewhere).thenRejects('UNIT_NOT_FOUND');
      expect(error.message).toBe('target unit VN-HNI is not registered');
    });

    it.each([revised({ value: 90 }), withdrawn])('rejects TARGET_NOT_FOUND for $type', (next) => {
      const error = givenDirective(history).when(next).thenRejects('TARGET_NOT_FOUND');
      expect(error.message).toBe(`directive ${DIRECTIVE} has no target clearance`);
    });
  });

  describe('given an active target', () => {
    const history = [issued, targetSet];

    it('rejects INVALID_TRANSITION for the same target id again', () => {
      givenDirective(history).when(targetSet).thenRejects('INVALID_TRANSITION');
    });

    it('sets a second target beside it', () => {
      const second = event('TargetSet', {
        ...targetSet.data,
        targetId: 'social-order',
        metric: 'cases.opened',
        filter: { category: 'social_order' },
      });
      const state = givenDirective(history).when(second).then();
      expect(state.status === 'issued' && [...state.targets.keys()]).toEqual(['clearance', 'social-order']);
    });

    it('revises its value', () => {
      givenDirective(history)
        .when(revised({ value: 90 }))
        .then(withTarget({ ...activeTarget, value: 90 }));
    });

    it('revises its end, earlier than first set', () => {
      givenDirective(history)
        .when(revised({ periodEnd: '2024-10-31' }))
        .then(withTarget({ ...activeTarget, periodEnd: '2024-10-31' }));
    });

    it('revises both', () => {
      givenDirective(history)
        .when(revised({ value: 90, periodEnd: '2024-10-31' }))
        .then(withTarget({ ...activeTarget, value: 90, periodEnd: '2024-10-31' }));
    });

    it('accepts a period shrunk to its first day', () => {
      givenDirective(history)
        .when(revised({ periodEnd: '2024-01-01' }))
        .then();
    });

    it('rejects INVALID_TRANSITION for an end before its start', () => {
      const error = givenDirective(history)
        .when(revised({ periodEnd: '2023-12-31' }))
        .thenRejects('INVALID_TRANSITION');
      expect(error.message).toBe('target clearance cannot end on 2023-12-31, before its start 2024-01-01');
    });

    it('withdraws it', () => {
      givenDirective(history)
        .when(withdrawn)
        .then(
          withTarget({
            ...activeTarget,
            status: 'withdrawn',
            withdrawnReason: 'merged into RES-12',
            withdrawnAt: '2024-09-01T10:00:00+07:00',
          }),
        );
    });
  });

  describe('given a revised target', () => {
    it('keeps the revision when revised again on the other term', () => {
      givenDirective([issued, targetSet, revised({ value: 90 })])
        .when(revised({ periodEnd: '2024-10-31' }))
        .then(withTarget({ ...activeTarget, value: 90, periodEnd: '2024-10-31' }));
    });
  });

  describe('given a withdrawn target', () => {
    const history = [issued, targetSet, withdrawn];

    it.each([revised({ value: 90 }), withdrawn, targetSet])('rejects INVALID_TRANSITION for $type', (next) => {
      givenDirective(history).when(next).thenRejects('INVALID_TRANSITION');
    });
  });
});
