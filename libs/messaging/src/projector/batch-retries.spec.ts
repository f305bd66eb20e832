import { type FailureKind, failureKindOf, withBatchRetries } from './batch-retries';

const POLICY = { attemptsBeforeIsolating: 3, firstDelayMs: 100, maxDelayMs: 400 };
const outage = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const overflow = () => Object.assign(new Error('value "3000000000" is out of range for type integer'), { code: '22003' });

/** Runs `withBatchRetries` over a script of attempt results, recording what it did. */
async function run(script: (Error | 'ok')[], goOnAfter = Infinity) {
  const attempts: boolean[] = [];
  const failures: [FailureKind, number][] = [];
  const sleeps: number[] = [];
  const result = await withBatchRetries(
    async (isolate) => {
      attempts.push(isolate);
      const next = script.shift();
      if (next === undefined || next === 'ok') return 'done';
      throw next;
    },
    POLICY,
    {
      onFailure: (_error, kind, count) => failures.push([kind, count]),
      goOn: async () => sleeps.length < goOnAfter,
      sleep: async (ms) => void sleeps.push(ms),
    },
  );
  return { result, attempts, failures, sleeps };
}

describe('withBatchRetries', () => {
  it('waits out an outage however long, never isolating', async () => {
    const { result, attempts, failures, sleeps } = await run([outage(), outage(), outage(), outage(), outage(), 'ok']);
    expect(result).toBe('done');
    expect(attempts).toEqual([false, false, false, false, false, false]);
    expect(failures.map(([kind]) => kind)).toEqual(Array(5).fill('transient'));
    expect(sleeps).toEqual([100, 200, 400, 400, 400]);
  });

  it('isolates the failing events after the set number of failures that are not an outage', async () => {
    const { result, attempts, failures } = await run([overflow(), outage(), overflow(), overflow(), 'ok']);
    expect(result).toBe('done');
    expect(attempts).toEqual([false, false, false, false, true]);
    expect(failures).toEqual([
      ['permanent', 1],
      ['transient', 1],
      ['permanent', 2],
      ['permanent', 3],
    ]);
  });

  it('gives the batch up when told to (stopping, or the partition went elsewhere)', async () => {
    const { result, attempts } = await run([overflow(), overflow(), overflow()], 1);
    expect(result).toBeNull();
    expect(attempts).toEqual([false]);
  });

  it('calls Kafka’s errors transient: dead letters that cannot be sent are not the event’s fault', () => {
    const kafka = Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' });
    expect(failureKindOf(kafka)).toBe('transient');
    expect(failureKindOf(new RangeError('Invalid time value'))).toBe('permanent');
  });
});
