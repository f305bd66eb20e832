/** Plain progress lines, one every few seconds at most: readable in a terminal and in a CI log. */
export class Progress {
  private last = 0;

  constructor(private readonly intervalMs = 2000) {}

  say(line: string): void {
    process.stdout.write(`bench: ${line}\n`);
  }

  /** Prints the line only if the last throttled one is older than the interval. */
  every(line: () => string): void {
    const now = performance.now();
    if (now - this.last < this.intervalMs) return;
    this.last = now;
    this.say(line());
  }
}

export const formatNumber = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
