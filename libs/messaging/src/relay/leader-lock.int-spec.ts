import { randomUUID } from 'node:crypto';
import { loadConfig } from '@vigil/platform';
import { Pool } from 'pg';
import { CheckpointStore } from './checkpoint-store';
import { LeaderLock, type Leadership } from './leader-lock';
import { relayLockKey } from './relay-lock-key';

// Issue 4 item 2: one relay per namespace publishes; the lock is a session-level advisory lock.
describe('the relay leader lock on PostgreSQL', () => {
  const pool = new Pool({ connectionString: loadConfig().DATABASE_URL, max: 2 });
  const locks: LeaderLock[] = [];
  const held: Leadership[] = [];
  afterEach(async () => {
    locks.splice(0).forEach((lock) => lock.stop());
    await Promise.all(held.splice(0).map((leadership) => leadership.release()));
  });
  afterAll(() => pool.end());

  function lockFor(namespace: string) {
    const standbyAttempts = { count: 0 };
    const lock = new LeaderLock(pool.options, relayLockKey(namespace), 100, {
      onStandby: () => void (standbyAttempts.count += 1),
      onError: (error) => {
        throw error;
      },
    });
    locks.push(lock);
    const acquire = async () => {
      const leadership = await lock.acquire();
      if (leadership) held.push(leadership);
      return leadership;
    };
    return { lock, acquire, standbyAttempts };
  }

  async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('lets one relay of a namespace lead; the standby takes over once the leader releases', async () => {
    const namespace = `lock-${randomUUID()}`;
    const first = lockFor(namespace);
    const second = lockFor(namespace);
    const leader = await first.acquire();
    let standby: Leadership | null = null;
    const pending = second.acquire().then((leadership) => (standby = leadership));

    await until(() => second.standbyAttempts.count >= 3);
    expect(leader!.held).toBe(true);
    expect(standby).toBeNull();

    await leader!.release();
    await pending;
    expect(standby!.held).toBe(true);
  });

  it('does not make relays of different namespaces wait for each other', async () => {
    const one = await lockFor(`lock-${randomUUID()}`).acquire();
    const other = await lockFor(`lock-${randomUUID()}`).acquire();
    expect([one!.held, other!.held]).toEqual([true, true]);
  });

  it('tells the leader when its lock connection dies, fences its checkpoint writes, and lets the standby lead', async () => {
    const namespace = `lock-${randomUUID()}`;
    const first = lockFor(namespace);
    const second = lockFor(namespace);
    const leader = (await first.acquire())!;
    const takeover = second.acquire();
    await until(() => second.standbyAttempts.count >= 1);

    const { rows } = await leader.connection.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    const reason = await leader.lost;

    expect(reason.message).toMatch(/leader lock connection/);
    expect(leader.held).toBe(false);
    await expect(new CheckpointStore(leader.connection).save(namespace, 42n)).rejects.toThrow();
    expect(await new CheckpointStore(pool).load(namespace)).toBeNull();
    expect((await takeover)!.held).toBe(true);
  });

  it('ends a standby that is still waiting when stopped', async () => {
    const namespace = `lock-${randomUUID()}`;
    await lockFor(namespace).acquire();
    const waiting = lockFor(namespace);
    const pending = waiting.acquire();
    await until(() => waiting.standbyAttempts.count >= 1);
    waiting.lock.stop();
    expect(await pending).toBeNull();
  });
});
