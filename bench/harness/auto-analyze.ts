import pg from 'pg';

/**
 * This machine's PostgreSQL runs with `autovacuum = off` (a CI setting), so a table filled by the
 * bench keeps the planner's empty-table statistics and reads turn into sequential scans. Where
 * autovacuum is off, this plays its part: ANALYZE after every `every` events, in the background.
 */
export class AutoAnalyze {
  private next: number;
  private running: Promise<void> | undefined;
  runs = 0;

  private constructor(
    private readonly databaseUrl: string,
    private readonly every: number,
  ) {
    this.next = every;
  }

  /** Undefined where autovacuum is on, or when `every` is 0. */
  static async forDatabase(databaseUrl: string, every: number): Promise<AutoAnalyze | undefined> {
    if (every === 0) return undefined;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ autovacuum: string }>('SHOW autovacuum');
      return rows[0]!.autovacuum === 'off' ? new AutoAnalyze(databaseUrl, every) : undefined;
    } finally {
      await client.end();
    }
  }

  /** Starts an ANALYZE when `events` passed the next threshold and none is running. */
  after(events: number): void {
    if (events < this.next || this.running) return;
    this.next = events + this.every;
    this.runs += 1;
    this.running = this.analyze().finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    await this.running;
  }

  private async analyze(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
  }
}
