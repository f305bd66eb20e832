import { Pool } from 'pg';
import { envelope, fresh, smallTree } from './support/events';
import { postJson } from './support/http';
import { type VigilUnderTest, startVigilUnderTest } from './support/vigil-under-test';

type Result = { eventId: string; status: string; code?: string; message?: string; position?: number };

// CONTRACT.md §2: the eventId is the idempotency key. A re-post with the same content is `duplicate`
// whatever the aggregate's state has become, also when identical batches race each other.
describe('idempotency of POST /v1/events', () => {
  let vigil: VigilUnderTest;
  let pool: Pool;
  let tree: ReturnType<typeof smallTree>;
  let upstream: string;
  const post = (body: unknown) => postJson(`${vigil.url}/v1/events`, body, upstream);
  const storedTimes = async (eventIds: string[]) => {
    const { rows } = await pool.query<{ event_id: string; n: string }>(
      'SELECT event_id::text, count(*) AS n FROM events WHERE event_id = ANY($1::uuid[]) GROUP BY event_id',
      [eventIds],
    );
    return new Map(rows.map((row) => [row.event_id, Number(row.n)]));
  };

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    pool = new Pool({ connectionString: vigil.config.DATABASE_URL, max: 2 });
    tree = smallTree();
    const registered = await postJson(`${vigil.url}/v1/events`, tree.events, await vigil.token('operator'));
    expect(registered.body.results.map((result: Result) => result.status)).toEqual(['appended', 'appended', 'appended']);
    upstream = await vigil.token('upstream', tree.province);
  });
  afterAll(async () => {
    await pool.end();
    await vigil.close();
  });

  /**
   * 60 events over 12 cases, each case's events in a valid order: opened, two arrests, then cleared,
   * voided or prosecuted — so a state read after another client stored the case refuses each of
   * them by the rules (already open, arrest already recorded, already cleared, voided).
   */
  function caseBatch() {
    return Array.from({ length: 12 }, (_, i) => {
      const caseId = fresh('LC-RACE');
      const ending = [
        [envelope('CaseCleared', { caseId }), envelope('CaseProsecuted', { caseId, defendants: 2 })],
        [envelope('CaseProsecuted', { caseId, defendants: 1 }), envelope('CaseVoided', { caseId, reason: 'opened in error' })],
        [envelope('CaseReclassified', { caseId, severity: 'very_serious' }), envelope('CaseCleared', { caseId })],
      ][i % 3]!;
      return [
        envelope('CaseOpened', { caseId, unitId: tree.commune, category: 'drugs', severity: 'serious' }),
        envelope('ArrestMade', { caseId, arrestId: `${caseId}:A1`, persons: 2 }),
        envelope('ArrestMade', { caseId, arrestId: `${caseId}:A2`, persons: 1 }),
        ...ending,
      ];
    }).flat();
  }

  it('answers every racing copy of the same batch appended or duplicate, and stores each event once', async () => {
    const clients = 8;
    const rounds = 4;
    for (let round = 0; round < rounds; round += 1) {
      const batch = caseBatch();
      expect(batch).toHaveLength(60);
      const answers = await Promise.all(Array.from({ length: clients }, () => post(batch)));

      const refused = answers.flatMap((answer) =>
        answer.status === 200 ? answer.body.results.filter((result: Result) => result.status === 'rejected') : [answer.body],
      );
      expect({ round, refused }).toEqual({ round, refused: [] });
      const ids = batch.map((event) => event.eventId);
      const appended = answers.flatMap((answer) =>
        answer.body.results.filter((result: Result) => result.status === 'appended').map((result: Result) => result.eventId),
      );
      // Every event appended by exactly one client, duplicate for the others, at the one position stored.
      expect([...appended].sort()).toEqual([...ids].sort());
      for (const answer of answers) {
        expect(answer.body.results.map((result: Result) => result.eventId)).toEqual(ids);
        expect(answer.body.results.map((result: Result) => result.position)).toEqual(
          answers[0]!.body.results.map((result: Result) => result.position),
        );
      }
      const stored = await storedTimes(ids);
      expect(ids.map((id) => stored.get(id))).toEqual(ids.map(() => 1));
    }
  });

  it('answers a stored event duplicate after its aggregate moved on: CaseOpened again after CaseCleared and CaseVoided', async () => {
    const caseId = fresh('LC-AGAIN');
    const opened = envelope('CaseOpened', { caseId, unitId: tree.commune, category: 'economic', severity: 'serious' });
    const cleared = envelope('CaseCleared', { caseId });
    const voided = envelope('CaseVoided', { caseId, reason: 'opened in error' });
    const first = await post([opened, cleared]);
    expect(first.body.results.map((result: Result) => result.status)).toEqual(['appended', 'appended']);
    expect((await post(voided)).body.results[0].status).toBe('appended');

    const again = await post([opened, cleared]);
    expect(again.body.results).toEqual(first.body.results.map((result: Result) => ({ ...result, status: 'duplicate' })));
    const stored = await storedTimes([opened.eventId, cleared.eventId]);
    expect([stored.get(opened.eventId), stored.get(cleared.eventId)]).toEqual([1, 1]);
  });

  it('still answers EVENT_ID_CONFLICT for a stored eventId with other content, racing or not', async () => {
    const caseId = fresh('LC-CONFLICT');
    const opened = envelope('CaseOpened', { caseId, unitId: tree.commune, category: 'drugs', severity: 'serious' });
    const cleared = envelope('CaseCleared', { caseId });
    const altered = [opened, { ...cleared, occurredAt: '2024-03-02T08:00:00+07:00' }];
    const answers = await Promise.all([post([opened, cleared]), post(altered), post([opened, cleared]), post(altered)]);

    const codes = answers.map((answer) => answer.body.results.map((result: Result) => result.code ?? result.status));
    // Whichever of the two contents won the race, the other one's clearing is a conflict, never a rule.
    const winner = codes.findIndex((answer) => answer[1] === 'appended');
    expect(winner).toBeGreaterThanOrEqual(0);
    const sameAsWinner = (i: number) => i % 2 === winner % 2;
    codes.forEach((answer, i) => {
      expect(answer[0]).toMatch(/^(appended|duplicate)$/);
      expect(answer[1]).toMatch(sameAsWinner(i) ? /^(appended|duplicate)$/ : /^EVENT_ID_CONFLICT$/);
    });
    const loser = winner % 2 === 0 ? altered : [opened, cleared];
    const later = await post(loser);
    expect(later.body.results.map((result: Result) => result.code ?? result.status)).toEqual(['duplicate', 'EVENT_ID_CONFLICT']);
    const stored = await storedTimes([opened.eventId, cleared.eventId]);
    expect([stored.get(opened.eventId), stored.get(cleared.eventId)]).toEqual([1, 1]);
  });
});
