import { CATEGORIES, EXAMPLE_EVENTS, type StoredEvent } from '@vigil/contract';
import { aggregateFor } from './aggregate';
import { TREE_CONTEXT } from './testing/fixtures';

describe('aggregateFor', () => {
  it.each(CATEGORIES)('gives the %s aggregate, starting from the initial state', (category) => {
    const aggregate = aggregateFor(category);
    expect(aggregate.category).toBe(category);
    expect(aggregate.initial).toEqual({ status: 'initial' });
  });

  it('folds stored events and decides the next one, whatever the category', () => {
    const cases = aggregateFor('cases');
    const stored: StoredEvent<'CaseOpened'> = {
      ...EXAMPLE_EVENTS.CaseOpened,
      metadata: { principal: { role: 'upstream', unit: 'VN-LCI' } },
      streamId: 'case-LC-2024-000123',
      revision: 0n,
      position: 41n,
      recordedAt: '2024-03-01T08:00:01Z',
    };
    const state = [stored].reduce(cases.evolve, cases.initial);
    expect(state).toMatchObject({ status: 'open', caseId: 'LC-2024-000123', unitId: 'VN-LCI-LCC-COCSAN' });
    expect(cases.decide(state, EXAMPLE_EVENTS.CaseCleared, TREE_CONTEXT)).toBeNull();
    expect(cases.decide(state, EXAMPLE_EVENTS.CaseOpened, TREE_CONTEXT)).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('throws on an event of another category, a bug in the caller rather than a business rule', () => {
    const hotspots = aggregateFor('hotspots');
    expect(() => hotspots.evolve(hotspots.initial, EXAMPLE_EVENTS.CaseOpened)).toThrow('CaseOpened is not an event of hotspots');
    expect(() => hotspots.decide(hotspots.initial, EXAMPLE_EVENTS.CaseOpened, TREE_CONTEXT)).toThrow(
      'CaseOpened is not an event of hotspots',
    );
  });
});
