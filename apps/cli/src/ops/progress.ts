/** Progress on stderr: a redrawn bar on a terminal, one line per update otherwise (logs, pipes). */
export class Progress {
  private readonly startedAt = Date.now();
  private lastDrawn = 0;

  constructor(
    private readonly label: string,
    private total: number | null,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  /** The total may grow while the work runs (events appended during a rebuild). */
  update(done: number, force = false, total: number | null = this.total): void {
    this.total = total;
    const now = Date.now();
    if (!force && now - this.lastDrawn < (this.stream.isTTY ? 100 : 1_000)) return;
    this.lastDrawn = now;
    const seconds = Math.max((now - this.startedAt) / 1000, 0.001);
    const rate = Math.round(done / seconds);
    const counts = this.total === null ? `${done}` : `${done}/${this.total}`;
    const eta = this.total && rate > 0 && done < this.total ? `, ETA ${formatSeconds((this.total - done) / rate)}` : '';
    const text = `${this.label}: ${counts} events, ${rate} events/s${eta}`;
    if (this.stream.isTTY && this.total) {
      const width = 30;
      const filled = Math.min(width, Math.round((done / this.total) * width));
      this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K`);
    } else {
      this.stream.write(`${text}\n`);
    }
  }

  finish(done: number): void {
    this.update(done, true);
    if (this.stream.isTTY && this.total) this.stream.write('\n');
  }
}

function formatSeconds(seconds: number): string {
  const whole = Math.ceil(seconds);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}
