import { consumersReport } from './consumer-reports';

describe('consumersReport', () => {
  const up = (partitions: number, lagMessages: number) => ({
    status: 'up' as const,
    details: { state: 'running', partitions, lagMessages },
  });

  it('gives a single consumer’s report as it is', () => {
    expect(consumersReport([up(6, 12)])).toEqual(up(6, 12));
  });

  it('is up when every consumer is, adding up their partitions and lag', () => {
    expect(consumersReport([up(3, 10), up(2, 5)])).toEqual({
      status: 'up',
      details: { partitions: 5, lagMessages: 15, consumers: [up(3, 10), up(2, 5)] },
    });
  });

  it('is down when one consumer is, saying which and why', () => {
    const stuck = {
      status: 'down' as const,
      reason: 'stuck at t/1 for 4 s',
      details: { state: 'running', partitions: 3, lagMessages: 7 },
    };
    expect(consumersReport([up(3, 0), stuck])).toEqual({
      status: 'down',
      reason: 'consumer 2: stuck at t/1 for 4 s',
      details: { partitions: 6, lagMessages: 7, consumers: [up(3, 0), stuck] },
    });
  });
});
