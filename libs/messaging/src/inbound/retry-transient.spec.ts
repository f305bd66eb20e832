import { retryTransient } from './retry-transient';
import { isTransientStoreFailure } from './transient-failure';

const pgError = (code: string, message = 'pg says no') => Object.assign(new Error(message), { code });

describe('retryTransient', () => {
  const slept: number[] = [];
  const options = {
    delaysMs: [10, 20, 40],
    isTransient: isTransientStoreFailure,
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

describe('isTransientStoreFailure', () => {
  it.each([
    ['a lost connection (08006)', pgError('08006')],
    ['too many connections (53300)', pgError('53300')],
    ['an administrator terminating the backend (57P01)', pgError('57P01')],
    ['a database starting up (57P03)', pgError('57P03')],
    ['a serialisation failure (40001)', pgError('40001')],
    ['a deadlock (40P01)', pgError('40P01')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['node-postgres losing its connection', new Error('Connection terminated unexpectedly')],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
  ])('takes %s for transient', (_name, error) => {
    expect(isTransientStoreFailure(error)).toBe(true);
  });

  it.each([
    ['a raised exception (P0001)', pgError('P0001')],
    ['a value out of range (22003)', pgError('22003')],
    ['a NUL in text (22P05)', pgError('22P05')],
    ['a unique violation (23505)', pgError('23505')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'streamId')")],
    ['something that is not an error', 'oops'],
  ])('takes %s for lasting', (_name, error) => {
    expect(isTransientStoreFailure(error)).toBe(false);
  });
});
