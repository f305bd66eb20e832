import { readFileSync } from 'node:fs';

/** KiB of a `VmRSS:`/`VmHWM:` line of /proc/<pid>/status, or undefined when the process is gone. */
function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples a process's resident memory while it runs. VmHWM is the kernel's own high-water mark;
 * the samples of VmRSS back it up where VmHWM is missing.
 */
export class MemorySampler {
  private peakKiB = 0;
  private lastKiB = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 500,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  sample(): void {
    const rss = statusKiB(this.pid, 'VmRSS');
    const hwm = statusKiB(this.pid, 'VmHWM');
    if (rss !== undefined) this.lastKiB = rss;
    this.peakKiB = Math.max(this.peakKiB, rss ?? 0, hwm ?? 0);
  }

  get currentMiB(): number {
    return this.lastKiB / 1024;
  }

  get peakMiB(): number {
    return this.peakKiB / 1024;
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}
