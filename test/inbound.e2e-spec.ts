import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { consumerGroup, inboundTopic } from '@vigil/messaging';
import { Pool } from 'pg';
import { envelope, smallTree } from './support/events';
import { postJson } from './support/http';
import { readRejections } from './support/rejections';
import { type VigilUnderTest, eventually, startVigilUnderTest } from './support/vigil-under-test';

// Issue 4, item 3: upstream producers on Kafka go through the same ingest path as HTTP; what
// cannot be accepted lands on the rejected topic with its reason, and the consumer carries on.
describe('the Kafka inbound topic', () => {
  let vigil: VigilUnderTest;
  let pool: Pool;
  const kafka = new Kafka({
    clientId: 'inbound-e2e',
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
  });
  afterAll(async () => {
    await Promise.all([producer.disconnect(), admin.disconnect(), pool.end()]);
    await vigil.close();
  });

  it('appends what it accepts, rejects the rest with a reason, and carries on', async () => {
    const tree = smallTree();
    await postJson(`${vigil.url}/v1/events`, tree.events, await vigil.token('operator'));
    const upstream = `Bearer ${await vigil.token('upstream', tree.province)}`;
    const outsider = `Bearer ${await vigil.token('upstream', `${tree.ministry}-HGI`)}`;
    const weapons = () => envelope('WeaponsCollected', { unitId: tree.commune, items: 4, kind: 'firearm' });
    const first = weapons();
    const wrongType = { ...weapons(), data: { unitId: tree.commune, items: 'four', kind: 'firearm' } };
    // A poison message (NUL in free text) is rejected like any schema error, and the messages behind it go on.
    const nul = envelope('HotspotIdentified', {
      hotspotId: 'HS-NUL',
      unitId: tree.commune,
      kind: 'drug_hotspot',
      name: 'Km\u00007',
    });
    const outOfScope = weapons();
    const last = weapons();
    const messages = [
      { key: tree.commune, value: JSON.stringify(first), headers: { authorization: upstream } },
      { key: tree.commune, value: 'this is not JSON {', headers: { authorization: upstream } },
      { key: tree.commune, value: JSON.stringify(wrongType), headers: { authorization: upstream } },
      { key: tree.commune, value: JSON.stringify(nul), headers: { authorization: upstream } },
      { key: tree.commune, value: JSON.stringify(outOfScope), headers: { authorization: outsider } },
      { key: tree.commune, value: JSON.stringify(weapons()) },
      { key: tree.commune, value: JSON.stringify(last), headers: { authorization: upstream } },
    ];
    // One key, one partition: the messages are consumed in this order.
    await producer.send({ topic: inboundTopic(vigil.config.VIGIL_NAMESPACE), acks: -1, messages });

    await eventually(async () => ((await stored(last.eventId)) === 1 ? true : undefined), 45_000);
    expect(await stored(first.eventId)).toBe(1);
    expect(await stored(wrongType.eventId)).toBe(0);
    expect(await stored(nul.eventId)).toBe(0);
    expect(await stored(outOfScope.eventId)).toBe(0);

    const rejections = await readRejections(kafka, vigil.config.VIGIL_NAMESPACE, 5);
    expect(rejections.map((rejection) => rejection.reason.code)).toEqual([
      'MALFORMED_JSON',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'OUT_OF_SCOPE',
      'UNAUTHENTICATED',
    ]);
    expect(rejections[0]!.original.value).toBe('this is not JSON {');
    expect(rejections[1]!.reason.problems!.map((problem) => problem.path)).toEqual(['/data/items']);
    expect(rejections[2]!.reason.problems).toEqual([
      {
        path: '/data/name',
        message: 'must not contain control characters (U+0000–U+001F, U+007F–U+009F); it holds U+0000 at character 3',
        code: 'invalid_format',
      },
    ]);
    expect(rejections[3]!.reason.eventId).toBe(outOfScope.eventId);

    // Offsets are committed after processing: the group has consumed all seven.
    const committed = await eventually(async () => {
      const [topic] = await admin.fetchOffsets({
        groupId: consumerGroup(vigil.config.VIGIL_NAMESPACE, 'inbound'),
        topics: [inboundTopic(vigil.config.VIGIL_NAMESPACE)],
      });
      const sum = topic!.partitions.reduce((total, partition) => total + Math.max(0, Number(partition.offset)), 0);
      return sum >= messages.length ? sum : undefined;
    }, 20_000);
    expect(committed).toBe(messages.length);
  });
});
