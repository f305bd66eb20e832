import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@vigil/contract';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { toTopicMessages } from '@vigil/messaging';
import { smallTree } from './support/events';
import { runVigil } from './support/cli';
import { postJson } from './support/http';
import { getJson } from './support/http-get';
import { type VigilUnderTest, eventually, startVigilUnderTest } from './support/vigil-under-test';

interface Listed {
  id: string;
  projection?: string;
  reason: string;
}

// `vigil dead-letters` for projections: a case's arrest that reaches the projector before the case
// was opened (a gap in its stream's revisions) is dead-lettered by every projection of cases, listed
// with the reason, retried once the gap is filled, applied once, and no longer listed.
describe('vigil dead-letters for projections', () => {
  let vigil: VigilUnderTest;
  const kafka = new Kafka({
    clientId: 'projection-dead-letters-e2e',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const tree = smallTree();
  const caseId = `${tree.ministry}-C1`;
  const streamId = `case-${caseId}`;

  const cli = (argv: string[]) => runVigil(argv, vigil.config.VIGIL_NAMESPACE);
  const list = async () => JSON.parse((await cli(['dead-letters', 'list', '--json'])).out) as Listed[];

  /** A stored event as the relay would publish it (positions far past the test database's log). */
  const stored = (revision: bigint, type: string, data: Record<string, unknown>, occurredAt: string) =>
    ({
      eventId: randomUUID(),
      type,
      occurredAt,
      data,
      metadata: { principal: { role: 'upstream', unit: tree.commune } },
      streamId,
      revision,
      position: 9_000_000_000n + BigInt(Math.floor(Math.random() * 1_000_000)) * 10n + revision,
      recordedAt: new Date().toISOString(),
    }) as unknown as StoredEvent;
  const publish = (event: StoredEvent) =>
    producer.send({ ...toTopicMessages(vigil.config.VIGIL_NAMESPACE, [event])[0]!, acks: -1 });

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    await producer.connect();
    const posted = await postJson(`${vigil.url}/v1/events`, tree.events, await vigil.token('operator', tree.ministry));
    expect(posted.status).toBe(200);
  });
  afterAll(async () => {
    await producer.disconnect();
    await vigil.close();
  });

  it('lists the arrest that came before its case, retries it once the case is there, and stops listing it', async () => {
    const analyst = await vigil.token('analyst', tree.ministry);
    const caseItem = async () => {
      const page = await getJson(`${vigil.url}/v1/cases?unitId=${tree.commune}`, analyst);
      return page.body.items?.find((item: { caseId: string }) => item.caseId === caseId);
    };

    await publish(stored(1n, 'ArrestMade', { caseId, arrestId: `${caseId}:A1`, persons: 3 }, '2024-03-02T08:00:00+07:00'));
    const listed = await eventually(async () => {
      const entries = (await list()).filter((entry) => entry.projection !== undefined);
      return entries.length === 2 ? entries : undefined;
    }, 30_000);
    expect(listed.map((entry) => entry.projection).sort()).toEqual(['cases', 'figures']);
    for (const entry of listed) expect(entry.reason).toMatch(/^revision gap/);

    // Still a gap: the retry says why and the dead letter stays listed.
    const early = await cli(['dead-letters', 'retry', listed[0]!.id]);
    expect(early.code).toBe(1);
    expect(early.err).toMatch(/still follows a gap/);

    await publish(
      stored(
        0n,
        'CaseOpened',
        { caseId, unitId: tree.commune, category: 'drugs', severity: 'serious' },
        '2024-03-01T08:00:00+07:00',
      ),
    );
    expect(await eventually(caseItem, 30_000)).toMatchObject({ arrests: 0, persons: 0, lastRevision: 0 });

    for (const entry of listed) expect(await cli(['dead-letters', 'retry', entry.id])).toMatchObject({ code: 0 });
    expect(await caseItem()).toMatchObject({ arrests: 1, persons: 3, lastRevision: 1 });
    expect((await list()).filter((entry) => entry.projection !== undefined)).toEqual([]);
    // Applied once: a second retry of the same dead letter is refused.
    expect((await cli(['dead-letters', 'retry', listed[0]!.id])).code).toBe(1);
  });
});
