import type { ClientBase, Pool } from 'pg';

/** Rows of `relay_checkpoints`: the position of the last event Kafka acknowledged, per relay. */
export class CheckpointStore {
  constructor(private readonly db: Pool | ClientBase) {}

  async load(name: string): Promise<bigint | null> {
    const { rows } = await this.db.query<{ position: string }>('SELECT position FROM relay_checkpoints WHERE name = $1', [name]);
    return rows[0] ? BigInt(rows[0].position) : null;
  }

  /** The stored checkpoint, created at `initial()` when this relay never ran. */
  async loadOrCreate(name: string, initial: () => Promise<bigint>): Promise<bigint> {
    const stored = await this.load(name);
    if (stored !== null) return stored;
    await this.db.query(
      'INSERT INTO relay_checkpoints (name, position, updated_at) VALUES ($1, $2, now()) ON CONFLICT (name) DO NOTHING',
      [name, (await initial()).toString()],
    );
    return (await this.load(name))!;
  }

  async save(name: string, position: bigint): Promise<void> {
    await this.db.query(
      `INSERT INTO relay_checkpoints (name, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`,
      [name, position.toString()],
    );
  }
}
