import { retryTransient } from './retry-transient';
import { isDatabaseUnavailable } from '@vigil/platform';

const pgError = (code: string, message = 'pg says no') => Object.assign(new Error(message), { code });

describe('retryTransient', () => {
  const slept: number[] = [];
  const options = {
    delaysMs: [10, 20, 40],
    isTransient: isDatabaseUnavailable,
    sleep: async (ms: number) => void slept.push(ms),
  };
  beforeEach(() => (slept.length = 0));

  it('answers the value of the first attempt that succeeds, after the pauses of the failed ones', async () => {
    let calls = 0;
    const outcome = await retryTransient(async () => {
      calls++;
      if (calls < 3) throw pgError('57P01', 'terminating connection due to administrator command');
      return 'stored';
    }, options);
    expect(outcome).toEqual({ ok: true, value: 'stored' });
    expect(slept).toEqual([10, 20]);
  });

  it('gives up on a transient failure after one attempt more than there are pauses', async () => {
    let calls = 0;
    const error = pgError('08006');
    const outcome = await retryTransient(async () => {
      calls++;
      throw error;
    }, options);
    expect(outcome).toEqual({ ok: false, error, transient: true, attempts: 4 });
    expect(calls).toBe(4);
    expect(slept).toEqual([10, 20, 40]);
  });

  it('answers a failure that is not transient at once, without a pause', async () => {
    const error = pgError('P0001', 'refused by a trigger');
    const outcome = await retryTransient(() => Promise.reject(error), options);
    expect(outcome).toEqual({ ok: false, error, transient: false, attempts: 1 });
    expect(slept).toEqual([]);
  });
});
