import { incomplete } from './project-completeness';

describe('incomplete', () => {
  it('names each projection whose guard holds another number of events than its topics had messages', () => {
    const messages = { cases: 142_722, figures: 200_000, units: 7_338 };
    expect(incomplete(messages, { cases: 142_722, figures: 199_999, units: 7_338 })).toEqual([
      'figures: 199999 events in its guard, 200000 messages in its topics',
    ]);
    expect(incomplete(messages, { cases: 142_722, figures: 200_000 })).toEqual([
      'units: 0 events in its guard, 7338 messages in its topics',
    ]);
  });

  it('finds nothing when every guard holds its topics', () => {
    expect(incomplete({ cases: 3, figures: 5 }, { cases: 3, figures: 5 })).toEqual([]);
  });
});
