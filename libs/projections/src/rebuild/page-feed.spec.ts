import type { StoredEvent } from '@vigil/contract';
import type { EventStore, ReadPage } from '@vigil/event-store';
import { PageFeed } from './page-feed';

/** A log of `count` events (positions 1..count) that counts its reads. */
function logOf(count: number) {
  const reads: bigint[] = [];
  const store = {
    async readAll(after: bigint, limit: number): Promise<ReadPage> {
      reads.push(after);
      const events = [];
      for (let p = after + 1n; p <= BigInt(count) && events.length < limit; p += 1n) events.push({ position: p } as StoredEvent);
      const nextPosition = events.length > 0 ? events[events.length - 1]!.position : after;
      return { events, nextPosition, isEnd: events.length < limit };
    },
  } as unknown as EventStore;
  return { store, reads };
}

const positions = (page: ReadPage) => page.events.map((event) => Number(event.position));
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('PageFeed', () => {
  it('reads each page once for every reader, in order, the last one short, and nothing past it', async () => {
    const { store, reads } = logOf(7);
    const feed = new PageFeed(store, 0n, 3, 2);
    const pages: number[][][] = [[], []];
    for (let index = 0; index < 3; index += 1)
      for (const reader of [0, 1]) pages[reader]!.push(positions(await feed.page(reader, index)));
    await feed.drain();
    expect(pages[0]).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(pages[1]).toEqual(pages[0]);
    expect(reads).toEqual([0n, 3n, 6n]);
  });

  it('holds a reader more than `ahead` pages past the slowest until it moves or is done', async () => {
    const { store } = logOf(100);
    const feed = new PageFeed(store, 0n, 5, 2, 2);
    await feed.page(1, 0);
    await feed.page(0, 0);
    await feed.page(0, 1);
    await feed.page(0, 2);
    let third = false;
    const waiting = feed.page(0, 3).then((page) => ((third = true), page));
    await settled();
    expect(third).toBe(false); // reader 0 would be 3 pages past reader 1
    await feed.page(1, 1);
    expect(positions(await waiting)).toEqual([16, 17, 18, 19, 20]);
    let fifth = false;
    const later = feed.page(0, 4).then(() => (fifth = true));
    await settled();
    expect(fifth).toBe(false);
    feed.done(1);
    await later;
    expect(fifth).toBe(true);
    await feed.drain();
  });
});
