import { TurnBatcher } from './turn-batcher';

describe('TurnBatcher', () => {
  it('hands the calls of one turn to a single flush and gives each caller its result', async () => {
    const flushed: number[][] = [];
    const batcher = new TurnBatcher(async (items: number[]) => {
      flushed.push(items);
      return items.reduce((sum, item) => sum + item, 0);
    });
    const results = await Promise.all([batcher.submit(1), batcher.submit(2), batcher.submit(3)]);
    expect(flushed).toEqual([[1, 2, 3]]);
    expect(results).toEqual([6, 6, 6]);
  });

  it('runs one flush at a time: calls made during a flush form the next one', async () => {
    const flushed: string[][] = [];
    let running = 0;
    let overlapped = false;
    const batcher = new TurnBatcher(async (items: string[]) => {
      running += 1;
      overlapped ||= running > 1;
      flushed.push(items);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
    });
    const first = batcher.submit('a');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [batcher.submit('b'), batcher.submit('c')];
    await Promise.all([first, ...later]);
    expect(flushed).toEqual([['a'], ['b', 'c']]);
    expect(overlapped).toBe(false);
  });

  it('rejects every caller of a failed flush and carries on with the next', async () => {
    let calls = 0;
    const batcher = new TurnBatcher(async (items: number[]) => {
      calls += 1;
      if (calls === 1) throw new Error('database gone');
      return items.length;
    });
    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect((failed[0] as PromiseRejectedResult).reason).toEqual(new Error('database gone'));
    await expect(batcher.submit(3)).resolves.toBe(1);
  });
});
