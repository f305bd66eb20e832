import type { CategoryEvent } from '@vigil/contract';
import { caseAggregate } from '../aggregate';
import { contextOf } from '../context';
import { given } from '../testing/given-when-then';
import { event, TREE, TREE_CONTEXT } from '../testing/fixtures';

const CASE = 'LC-2024-000123';
const opened = event(
  'CaseOpened',
  { caseId: CASE, unitId: 'VN-LCI-LCC-COCSAN', category: 'drugs', severity: 'serious' },
  '2024-03-01T08:00:00Z',
);
const cleared = event('CaseCleared', { caseId: CASE });
const arrest = (arrestId: string, persons = 3) => event('ArrestMade', { caseId: CASE, arrestId, persons });
const prosecuted = event('CaseProsecuted', { caseId: CASE, defendants: 2 });
const reclassified = event('CaseReclassified', { caseId: CASE, severity: 'very_serious' });
const voided = event('CaseVoided', { caseId: CASE, reason: 'opened twice for the same report' });

const openCase = {
  status: 'open',
  caseId: CASE,
  unitId: 'VN-LCI-LCC-COCSAN',
  category: 'drugs',
  severity: 'serious',
  cleared: false,
  prosecuted: false,
  arrestIds: [],
  openedAt: '2024-03-01T08:00:00Z',
} as const;

const givenCase = (history: CategoryEvent<'cases'>[]) => given(caseAggregate, history, TREE_CONTEXT);

describe('case', () => {
  describe('given no case yet', () => {
    it('opens it in its unit', () => {
      givenCase([]).when(opened).then(openCase);
    });

    it('rejects UNIT_NOT_FOUND when the unit is not registered', () => {
      const error = given(caseAggregate, [], contextOf([TREE.VN, TREE.LCI]))
        .when(opened)
        .thenRejects('UNIT_NOT_FOUND');
      expect(error.message).toBe('unit VN-LCI-LCC-COCSAN is not registered');
    });

    it.each([cleared, arrest('A1'), prosecuted, reclassified, voided])('rejects CASE_NOT_FOUND for $type', (next) => {
      const error = givenCase([]).when(next).thenRejects('CASE_NOT_FOUND');
      expect(error.message).toBe(`case ${CASE} has not been opened`);
    });
  });

  describe('given an open case', () => {
    const history = [opened];

    it('rejects INVALID_TRANSITION when opened again', () => {
      givenCase(history).when(opened).thenRejects('INVALID_TRANSITION');
    });

    it('clears it', () => {
      givenCase(history)
        .when(cleared)
        .then({ ...openCase, cleared: true });
    });

    it('records an arrest', () => {
      givenCase(history)
        .when(arrest('A1'))
        .then({ ...openCase, arrestIds: ['A1'] });
    });

    it('prosecutes it', () => {
      givenCase(history)
        .when(prosecuted)
        .then({ ...openCase, prosecuted: true });
    });

    it('reclassifies its severity, keeping its category', () => {
      givenCase(history)
        .when(reclassified)
        .then({ ...openCase, severity: 'very_serious' });
    });

    it('reclassifies its category and severity', () => {
      const both = event('CaseReclassified', { caseId: CASE, category: 'smuggling', severity: 'less_serious' });
      givenCase(history)
        .when(both)
        .then({ ...openCase, category: 'smuggling', severity: 'less_serious' });
    });

    it('voids it, keeping its facts', () => {
      givenCase(history)
        .when(voided)
        .then({ ...openCase, status: 'voided', voidReason: 'opened twice for the same report' });
    });
  });

  describe('given a cleared case', () => {
    const history = [opened, cleared];

    it('rejects ALREADY_CLEARED when cleared again', () => {
      const error = givenCase(history).when(cleared).thenRejects('ALREADY_CLEARED');
      expect(error.message).toBe(`case ${CASE} is already cleared`);
    });

    it('still takes an arrest, a reclassification and a prosecution', () => {
      givenCase(history)
        .when(arrest('A1'))
        .then({ ...openCase, cleared: true, arrestIds: ['A1'] });
      givenCase(history)
        .when(reclassified)
        .then({ ...openCase, cleared: true, severity: 'very_serious' });
      givenCase(history)
        .when(prosecuted)
        .then({ ...openCase, cleared: true, prosecuted: true });
    });

    it('can still be voided', () => {
      givenCase(history)
        .when(voided)
        .then({ ...openCase, cleared: true, status: 'voided', voidReason: voided.data.reason });
    });
  });

  describe('given a case with an arrest recorded', () => {
    const history = [opened, arrest('A1')];

    it('rejects INVALID_TRANSITION for the same arrest again', () => {
      const error = givenCase(history).when(arrest('A1', 5)).thenRejects('INVALID_TRANSITION');
      expect(error.message).toBe(`arrest A1 is already recorded on case ${CASE}`);
    });

    it('records another arrest', () => {
      givenCase(history)
        .when(arrest('A2'))
        .then({ ...openCase, arrestIds: ['A1', 'A2'] });
    });
  });

  describe('given a prosecuted case', () => {
    const history = [opened, prosecuted];

    it('rejects INVALID_TRANSITION when prosecuted again', () => {
      givenCase(history).when(prosecuted).thenRejects('INVALID_TRANSITION');
    });

    it('still takes a clearance, an arrest and a reclassification', () => {
      givenCase(history)
        .when(cleared)
        .then({ ...openCase, prosecuted: true, cleared: true });
      givenCase(history)
        .when(arrest('A1'))
        .then({ ...openCase, prosecuted: true, arrestIds: ['A1'] });
      givenCase(history)
        .when(reclassified)
        .then({ ...openCase, prosecuted: true, severity: 'very_serious' });
    });
  });

  describe('given a voided case', () => {
    const history = [opened, cleared, voided];

    it.each([opened, cleared, arrest('A9'), prosecuted, reclassified, voided])('rejects CASE_VOIDED for $type', (next) => {
      const error = givenCase(history).when(next).thenRejects('CASE_VOIDED');
      expect(error.message).toBe(`case ${CASE} was voided`);
    });
  });
});
