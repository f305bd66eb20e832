import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { inboundTopic } from '@vigil/messaging';
import { Pool } from 'pg';
import { envelope, smallTree } from './support/events';
import { runVigil } from './support/cli';
import { postJson } from './support/http';
import { type VigilUnderTest, eventually, startVigilUnderTest } from './support/vigil-under-test';

interface Listed {
  id: string;
  projection?: string;
  reason: string;
  original: { value: string | null };
}

// `vigil dead-letters`: a rejected inbound message is listed with its reason, retried once the
// cause is fixed (its unit registered), appended, and no longer listed; a discarded one neither.
describe('vigil dead-letters', () => {
  let vigil: VigilUnderTest;
  let pool: Pool;
  const kafka = new Kafka({
    clientId: 'dead-letters-e2e',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const stored = async (eventId: string) =>
    Number((await pool.query('SELECT count(*) FROM events WHERE event_id = $1', [eventId])).rows[0].count);

  const cli = (argv: string[]) => runVigil(argv, vigil.config.VIGIL_NAMESPACE);
  const list = async () => JSON.parse((await cli(['dead-letters', 'list', '--json'])).out) as Listed[];

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    pool = new Pool({ connectionString: vigil.config.DATABASE_URL, max: 2 });
    await producer.connect();
  });
  afterAll(async () => {
    await Promise.all([producer.disconnect(), pool.end()]);
    await vigil.close();
  });

  it('lists a rejection, retries it once its unit exists, and stops listing it; discards another', async () => {
    const tree = smallTree();
    const token = await vigil.token('upstream', tree.ministry);
    const early = envelope('WeaponsCollected', { unitId: tree.commune, items: 2, kind: 'firearm' });
    const junk = 'not JSON at all';
    await producer.send({
      topic: inboundTopic(vigil.config.VIGIL_NAMESPACE),
      acks: -1,
      messages: [
        { key: tree.commune, value: JSON.stringify(early), headers: { authorization: `Bearer ${token}`, source: 'e2e' } },
        { key: tree.commune, value: junk, headers: { authorization: `Bearer ${token}` } },
      ],
    });

    const listed = await eventually(async () => {
      const entries = await list();
      return entries.length === 2 ? entries : undefined;
    }, 30_000);
    const [rejected, malformed] = listed;
    expect(rejected!.reason).toMatch(/^UNIT_NOT_FOUND: /);
    expect(rejected!.id).toMatch(new RegExp(`^${vigil.config.VIGIL_NAMESPACE}\\.inbound\\.rejected\\.v1:\\d+:\\d+$`));
    expect(malformed!.reason).toMatch(/^MALFORMED_JSON/);
    expect((await cli(['dead-letters', 'list'])).out).toMatch(/^ID\s+CONSUMER\s+KEY\s+REASON\n.*inbound.*UNIT_NOT_FOUND/);

    expect((await cli(['dead-letters', 'retry', rejected!.id])).code).toBe(2); // no --token
    await postJson(`${vigil.url}/v1/events`, tree.events, await vigil.token('operator'));
    const retried = await cli(['dead-letters', 'retry', rejected!.id, '--token', token]);
    expect(retried).toMatchObject({ code: 0, err: `${rejected!.id}: sent to the inbound topic again\n` });
    await eventually(async () => ((await stored(early.eventId)) === 1 ? true : undefined), 30_000);

    expect((await cli(['dead-letters', 'discard', malformed!.id])).code).toBe(0);
    expect(await list()).toEqual([]);
    expect((await cli(['dead-letters', 'discard', malformed!.id])).code).toBe(1);
    expect((await cli(['dead-letters', 'retry', 'nonsense'])).code).toBe(2);
  });
});
