import type { EventStore, ReadPage } from '@vigil/event-store';

/**
 * The log read once, page by page, for several readers that each go at their own pace (the
 * projections of one rebuild): a page is read ahead while the slowest reader is at most `ahead`
 * pages behind it, and let go once every reader has taken it. A page shorter than the page size is
 * the last one (the head was reached when it was read).
 */
export class PageFeed {
  private readonly pages = new Map<number, Promise<ReadPage>>();
  private readonly taken: number[];
  private last = Infinity;

  constructor(
    private readonly store: EventStore,
    private readonly from: bigint,
    private readonly pageSize: number,
    readers: number,
    private readonly ahead = 3,
  ) {
    this.taken = new Array<number>(readers).fill(0);
  }

  /** The page `index` (0: the first) for `reader`, which has let go of the ones before it. */
  async page(reader: number, index: number): Promise<ReadPage> {
    this.taken[reader] = index;
    const page = this.read(index); // before letting go of the page it follows, which it reads its position from
    const slowest = Math.min(...this.taken);
    for (const held of this.pages.keys()) if (held < slowest) this.pages.delete(held);
    for (let next = index + 1; next <= slowest + this.ahead && next <= this.last; next += 1)
      void this.read(next).catch(() => undefined); // read ahead; its reader sees the failure when it asks
    return page;
  }

  /** Waits for the pages still being read (ahead of readers that stopped), so none outlives the run. */
  async drain(): Promise<void> {
    await Promise.allSettled(this.pages.values());
  }

  private read(index: number): Promise<ReadPage> {
    let page = this.pages.get(index);
    if (page === undefined) {
      page =
        index === 0
          ? this.store.readAll(this.from, this.pageSize)
          : this.read(index - 1).then((previous) => this.store.readAll(previous.nextPosition, this.pageSize));
      page.then(
        (read) => {
          if (read.events.length < this.pageSize) this.last = Math.min(this.last, index);
        },
        () => undefined,
      );
      this.pages.set(index, page);
    }
    return page;
  }
}
