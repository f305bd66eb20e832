/**
 * Gathers the calls made in the same turn of the event loop and hands them to `flush` together,
 * one flush at a time. kafkajs delivers the partition batches of one fetch concurrently (up to
 * `partitionsConsumedConcurrently`); gathered, they become one transaction and one offsets commit
 * instead of one per partition — a read model's statements cost per batch about as much as per
 * event. Calls made while a flush runs wait for the next one, so a projection never runs two
 * transactions against itself.
 */
export class TurnBatcher<Item, Result> {
  private pending: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  private busy = false;

  constructor(private readonly flush: (items: Item[]) => Promise<Result>) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        setImmediate(() => void this.run());
      }
    });
  }

  private async run(): Promise<void> {
    const taken = this.pending;
    this.pending = [];
    try {
      const result = await this.flush(taken.map(({ item }) => item));
      for (const { resolve } of taken) resolve(result);
    } catch (error) {
      for (const { reject } of taken) reject(error);
    }
    if (this.pending.length > 0) setImmediate(() => void this.run());
    else this.busy = false;
  }
}
