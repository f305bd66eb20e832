import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { consumerGroup, inboundTopic } from '@vigil/messaging';
import { Pool } from 'pg';
import { envelope, smallTree } from './support/events';
import { postJson } from './support/http';
import { readRejections } from './support/rejections';
import { type VigilUnderTest, eventually, startVigilUnderTest } from './support/vigil-under-test';

/** A hotspot name the event store refuses (a trigger of this spec stands for any fault PostgreSQL will not get over). */
const REFUSED_NAME = 'refused by the store';

// Issue 17: a poison message on vigil.inbound.v1 — bytes that are not UTF-8, a value out of bounds, a
// NUL or lone surrogate in free text, an event the store refuses — is set aside on the rejected topic
// with its reason, and the messages behind it on its partition are stored: nothing stalls, no lag.
describe('poison messages on the Kafka inbound topic', () => {
  let vigil: VigilUnderTest;
  let pool: Pool;
  const kafka = new Kafka({
    clientId: 'inbound-poison-e2e',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const admin = kafka.admin();
  const stored = async (eventId: string) =>
    Number((await pool.query('SELECT count(*) FROM events WHERE event_id = $1', [eventId])).rows[0].count);

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    pool = new Pool({ connectionString: vigil.config.DATABASE_URL, max: 2 });
    await Promise.all([producer.connect(), admin.connect()]);
    await pool.query(`
      CREATE OR REPLACE FUNCTION inbound_poison_spec_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.data->>'name' = '${REFUSED_NAME}' THEN RAISE EXCEPTION 'the test trigger refuses this row'; END IF;
        RETURN NEW;
      END $$;
      DROP TRIGGER IF EXISTS inbound_poison_spec_refuse ON events;
      CREATE TRIGGER inbound_poison_spec_refuse BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION inbound_poison_spec_refuse();
    `);
  });
  afterAll(async () => {
    await pool.query(
      'DROP TRIGGER IF EXISTS inbound_poison_spec_refuse ON events; DROP FUNCTION IF EXISTS inbound_poison_spec_refuse()',
    );
    await Promise.all([producer.disconnect(), admin.disconnect(), pool.end()]);
    await vigil.close();
  });

  it('rejects each poison message with its reason and stores the good message behind them on the same partition', async () => {
    const tree = smallTree();
    await postJson(`${vigil.url}/v1/events`, tree.events, await vigil.token('operator'));
    const authorization = `Bearer ${await vigil.token('upstream', tree.province)}`;
    const hotspot = (name: string) =>
      envelope('HotspotIdentified', {
        hotspotId: `HS-${name.length}-${Date.now()}`,
        unitId: tree.commune,
        kind: 'drug_hotspot',
        name,
      });

    const notUtf8 = hotspot('Km 7');
    const [before, after] = JSON.stringify(notUtf8).split('Km 7') as [string, string];
    const notUtf8Bytes = Buffer.concat([Buffer.from(before), Buffer.from([0x4b, 0x6d, 0xff, 0x37]), Buffer.from(after)]);
    const loneSurrogate = {
      ...envelope('WeaponsCollected', { unitId: tree.commune, items: 4, kind: 'firearm' }),
      metadata: { correlationId: 'corr-\uDC00' },
    };
    const tooMany = envelope('WeaponsCollected', { unitId: tree.commune, items: 2 ** 31, kind: 'firearm' });
    const refused = hotspot(REFUSED_NAME);
    const good = hotspot('Bãi Gốc Gạo');
    const values = [
      notUtf8Bytes,
      JSON.stringify(loneSurrogate),
      JSON.stringify(tooMany),
      JSON.stringify(refused),
      JSON.stringify(good),
    ];
    // One key, one partition: the good message comes last, behind every poison.
    await producer.send({
      topic: inboundTopic(vigil.config.VIGIL_NAMESPACE),
      acks: -1,
      messages: values.map((value) => ({ key: tree.commune, value, headers: { authorization } })),
    });

    await eventually(async () => ((await stored(good.eventId)) === 1 ? true : undefined), 45_000);
    for (const poison of [notUtf8, loneSurrogate, tooMany, refused]) expect(await stored(poison.eventId)).toBe(0);

    const rejections = await readRejections(kafka, vigil.config.VIGIL_NAMESPACE, 4);
    expect(rejections.map((rejection) => rejection.reason)).toEqual([
      { code: 'MALFORMED_JSON', message: 'the value cannot be decoded: it is not valid UTF-8' },
      {
        code: 'VALIDATION_FAILED',
        message: 'Nothing was stored.',
        problems: [
          {
            path: '/metadata/correlationId',
            message: 'must be valid Unicode; it holds a lone surrogate U+DC00 at character 6',
            code: 'invalid_format',
          },
        ],
      },
      {
        code: 'VALIDATION_FAILED',
        message: 'Nothing was stored.',
        problems: [{ path: '/data/items', message: 'must be a whole number from 1 to 1,000,000', code: 'too_big' }],
      },
      { code: 'NOT_STORED', message: expect.stringContaining('the test trigger refuses this row') },
    ]);
    expect(rejections[3]!.original.value).toBe(JSON.stringify(refused));

    // Every offset committed: the group has no lag on the partition.
    const committed = await eventually(async () => {
      const [topic] = await admin.fetchOffsets({
        groupId: consumerGroup(vigil.config.VIGIL_NAMESPACE, 'inbound'),
        topics: [inboundTopic(vigil.config.VIGIL_NAMESPACE)],
      });
      const sum = topic!.partitions.reduce((total, partition) => total + Math.max(0, Number(partition.offset)), 0);
      return sum >= values.length ? sum : undefined;
    }, 20_000);
    expect(committed).toBe(values.length);
  });

  it('rejects every event of a batch with its own record, in sends Kafka takes, and goes on with the next message', async () => {
    const tree = smallTree();
    await postJson(`${vigil.url}/v1/events`, tree.events, await vigil.token('operator'));
    const authorization = `Bearer ${await vigil.token('upstream', tree.province)}`;
    // 150 rejections each carrying the 22 kB original: 3.3 MB, more than a Kafka batch may hold (1 MiB).
    const unknownCases = Array.from({ length: 150 }, (_, index) => envelope('CaseCleared', { caseId: `NO-SUCH-CASE-${index}` }));
    const good = envelope('WeaponsCollected', { unitId: tree.commune, items: 4, kind: 'firearm' });
    await producer.send({
      topic: inboundTopic(vigil.config.VIGIL_NAMESPACE),
      acks: -1,
      messages: [unknownCases, good].map((value) => ({
        key: tree.commune,
        value: JSON.stringify(value),
        headers: { authorization },
      })),
    });

    await eventually(async () => ((await stored(good.eventId)) === 1 ? true : undefined), 45_000);
    const rejections = await readRejections(kafka, vigil.config.VIGIL_NAMESPACE, 4 + unknownCases.length);
    const ofTheBatch = rejections.filter((rejection) => rejection.reason.code === 'CASE_NOT_FOUND');
    expect(ofTheBatch.map((rejection) => rejection.reason.eventId)).toEqual(unknownCases.map((event) => event.eventId));
    expect(new Set(ofTheBatch.map((rejection) => rejection.original.value))).toEqual(new Set([JSON.stringify(unknownCases)]));
  });
});
