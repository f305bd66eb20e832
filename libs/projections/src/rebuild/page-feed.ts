import type { EventStore, ReadPage } from '@vigil/event-store';

/**
 * The log read once, page by page, for several readers that each go at their own pace (the
 * projections of one rebuild): a few pages are read ahead of the slowest reader, a reader that gets
 * more than `ahead` pages past it waits (the pages between them are held in memory: a fast projection
 * left free would hold the log), and a page is let go once every reader has taken it. A page shorter
 * than the page size is the last one (the head was reached when it was read).
 */
export class PageFeed {
  private readonly pages = new Map<number, Promise<ReadPage>>();
  private readonly taken: number[];
  private last = Infinity;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly from: bigint,
    private readonly pageSize: number,
    readers: number,
    private readonly ahead = 3,
  ) {
    this.taken = new Array<number>(readers).fill(0);
  }

  /**
   * The page `index` (0: the first) for `reader`, which has let go of the ones before it. A reader more
   * than `ahead` pages past the slowest waits for it: the pages between them are held in memory.
   */
  async page(reader: number, index: number): Promise<ReadPage> {
    this.taken[reader] = index;
    this.letGo();
    while (index > this.slowest + this.ahead) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const page = this.read(index);
    for (let next = index + 1; next <= this.slowest + this.ahead && next <= this.last; next += 1)
      void this.read(next).catch(() => undefined); // read ahead; its reader sees the failure when it asks
    return page;
  }

  /** `reader` reads no more pages (it reached the head, or failed): the others no longer wait for it. */
  done(reader: number): void {
    this.taken[reader] = Infinity;
    this.letGo();
  }

  /** Waits for the pages still being read (ahead of readers that stopped), so none outlives the run. */
  async drain(): Promise<void> {
    await Promise.allSettled(this.pages.values());
  }

  private get slowest(): number {
    return Math.min(...this.taken);
  }

  /** Drops the pages every reader is past (each page read keeps the one it follows until then), wakes the waiting readers. */
  private letGo(): void {
    const slowest = this.slowest;
    for (const held of this.pages.keys()) if (held < slowest - 1) this.pages.delete(held);
    for (const wake of this.waiting.splice(0)) wake();
  }

  private read(index: number): Promise<ReadPage> {
    let page = this.pages.get(index);
    if (page === undefined) {
      page =
        index === 0
          ? this.store.readAll(this.from, this.pageSize)
          : this.read(index - 1).then((previous) =>
              // Nothing is read past the last page (no reader asks for it; a page read ahead may follow it).
              previous.events.length < this.pageSize
                ? { events: [], nextPosition: previous.nextPosition, isEnd: true }
                : this.store.readAll(previous.nextPosition, this.pageSize),
            );
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
