import { Pool } from 'pg';
import { envelope, fresh, smallTree } from './support/events';
import { postJson } from './support/http';
import { type VigilUnderTest, startVigilUnderTest } from './support/vigil-under-test';

// POST /v1/events (CONTRACT.md §5): results per event, business rules, idempotency, scope.
describe('POST /v1/events', () => {
  let vigil: VigilUnderTest;
  let pool: Pool;
  let tree: ReturnType<typeof smallTree>;
  let operator: string;
  const post = (body: unknown, token?: string) => postJson(`${vigil.url}/v1/events`, body, token);
  const storedCount = async (eventIds: string[]) =>
    Number((await pool.query('SELECT count(*) FROM events WHERE event_id = ANY($1::uuid[])', [eventIds])).rows[0].count);

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    pool = new Pool({ connectionString: vigil.config.DATABASE_URL, max: 2 });
    operator = await vigil.token('operator');
    tree = smallTree();
    const registered = await post(tree.events, operator);
    expect(registered.body.results.map((result: { status: string }) => result.status)).toEqual([
      'appended',
      'appended',
      'appended',
    ]);
  });
  afterAll(async () => {
    await pool.end();
    await vigil.close();
  });

  it('appends a batch in order: a case opened then an arrest for it', async () => {
    const caseId = fresh('LC-2024');
    const upstream = await vigil.token('upstream', tree.province);
    const opened = envelope('CaseOpened', { caseId, unitId: tree.commune, category: 'drugs', severity: 'serious' });
    const arrest = envelope('ArrestMade', { caseId, arrestId: `${caseId}:A1`, persons: 3 });
    const { status, body } = await post([opened, arrest], upstream);

    expect(status).toBe(200);
    expect(body.results).toEqual([
      { eventId: opened.eventId, status: 'appended', streamId: `case-${caseId}`, revision: 0, position: expect.any(Number) },
      {
        eventId: arrest.eventId,
        status: 'appended',
        streamId: `case-${caseId}`,
        revision: 1,
        position: body.results[0].position + 1,
      },
    ]);
    const stored = await pool.query('SELECT metadata FROM events WHERE event_id = $1', [opened.eventId]);
    expect(stored.rows[0].metadata.principal).toEqual({ role: 'upstream', unit: tree.province, subject: 'jest' });
  });

  it('answers a repeated event duplicate, and the same id with other content EVENT_ID_CONFLICT', async () => {
    const caseId = fresh('LC-2024');
    const opened = envelope('CaseOpened', { caseId, unitId: tree.commune, category: 'social_order', severity: 'less_serious' });
    const first = await post(opened, operator);
    const again = await post(opened, operator);
    const altered = await post({ ...opened, data: { ...opened.data, severity: 'serious' } }, operator);

    expect(again.body.results).toEqual([{ ...first.body.results[0], status: 'duplicate' }]);
    expect(altered.body.results).toEqual([
      { eventId: opened.eventId, status: 'rejected', code: 'EVENT_ID_CONFLICT', message: expect.any(String) },
    ]);
    expect(await storedCount([opened.eventId])).toBe(1);
  });

  it('takes an eventId in any letter case as the same id: stored in lowercase, a re-post in other case is a duplicate', async () => {
    const caseId = fresh('LC-2024');
    const opened = envelope('CaseOpened', { caseId, unitId: tree.commune, category: 'drugs', severity: 'serious' });
    const upper = { ...opened, eventId: opened.eventId.toUpperCase() };
    const first = await post(upper, operator);
    expect(first.body.results).toEqual([expect.objectContaining({ eventId: opened.eventId, status: 'appended' })]);
    expect((await post(upper, operator)).body.results).toEqual([{ ...first.body.results[0], status: 'duplicate' }]);
    expect((await post(opened, operator)).body.results).toEqual([{ ...first.body.results[0], status: 'duplicate' }]);
    expect(await storedCount([opened.eventId])).toBe(1);
  });

  it('rejects business-rule violations per event with their code and stores the rest', async () => {
    const caseId = fresh('LC-2024');
    const batch = [
      envelope('CaseCleared', { caseId }),
      envelope('CaseOpened', { caseId, unitId: tree.commune, category: 'drugs', severity: 'very_serious' }),
      envelope('CaseCleared', { caseId }),
      envelope('CaseCleared', { caseId }),
      envelope('CaseOpened', { caseId: fresh('LC'), unitId: 'NO-SUCH-UNIT', category: 'drugs', severity: 'serious' }),
      envelope('HotspotTransformed', { hotspotId: fresh('HS') }),
    ];
    const { status, body } = await post(batch, operator);

    expect(status).toBe(200);
    expect(body.results.map((result: { status: string; code?: string }) => result.code ?? result.status)).toEqual([
      'CASE_NOT_FOUND',
      'appended',
      'appended',
      'ALREADY_CLEARED',
      'UNIT_NOT_FOUND',
      'HOTSPOT_NOT_FOUND',
    ]);
    expect(await storedCount(batch.map((event) => event.eventId))).toBe(2);
  });

  describe('authorisation', () => {
    it('answers 401 without a token or with a forged one', async () => {
      const event = envelope('WeaponsCollected', { unitId: tree.commune, items: 2, kind: 'homemade' });
      expect((await post(event)).status).toBe(401);
      const forged = await post(event, `${operator.slice(0, -4)}AAAA`);
      expect(forged.status).toBe(401);
      expect(forged.body.code).toBe('UNAUTHENTICATED');
      expect(await storedCount([event.eventId])).toBe(0);
    });

    it('answers 403 to an analyst', async () => {
      const event = envelope('WeaponsCollected', { unitId: tree.commune, items: 2, kind: 'homemade' });
      const { status, body } = await post(event, await vigil.token('analyst', tree.ministry));
      expect([status, body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    });

    it('refuses an upstream event outside its subtree: 403 alone, OUT_OF_SCOPE in a batch', async () => {
      const otherProvince = `${tree.ministry}-HGI`;
      await post(
        envelope('UnitRegistered', { unitId: otherProvince, name: 'Hà Giang', level: 'province', parentUnitId: tree.ministry }),
        operator,
      );
      const upstream = await vigil.token('upstream', otherProvince);
      const outside = envelope('WeaponsCollected', { unitId: tree.commune, items: 5, kind: 'firearm' });
      const inside = envelope('WeaponsCollected', { unitId: otherProvince, items: 1, kind: 'explosive' });

      const alone = await post(outside, upstream);
      expect([alone.status, alone.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
      const batch = await post([outside, inside], upstream);
      expect(batch.body.results.map((result: { status: string; code?: string }) => result.code ?? result.status)).toEqual([
        'OUT_OF_SCOPE',
        'appended',
      ]);
      expect(await storedCount([outside.eventId])).toBe(0);
    });
  });

  describe('bad input: a problem with its code and paths, nothing stored', () => {
    const valid = () => envelope('WeaponsCollected', { unitId: tree.commune, items: 3, kind: 'support_tool' });

    const cases: [string, () => { body: unknown; ids: string[] }, number, string, string[]][] = [
      ['malformed JSON', () => ({ body: '{"eventId": "x", ', ids: [] }), 400, 'MALFORMED_JSON', []],
      [
        'a wrong type',
        () => {
          const e = envelope('ArrestMade', { caseId: 'LC-1', arrestId: 'A1', persons: 'three' });
          return { body: e, ids: [e.eventId] };
        },
        400,
        'VALIDATION_FAILED',
        ['/data/persons'],
      ],
      [
        'an unknown field',
        () => {
          const e = { ...valid(), extra: true };
          return { body: e, ids: [e.eventId] };
        },
        400,
        'VALIDATION_FAILED',
        ['/extra'],
      ],
      [
        'an unknown field in data',
        () => {
          const e = envelope('CaseCleared', { caseId: 'LC-1', suspectName: 'Nguyễn Văn A' });
          return { body: e, ids: [e.eventId] };
        },
        400,
        'VALIDATION_FAILED',
        ['/data/suspectName'],
      ],
      [
        'an unknown event type',
        () => {
          const e = envelope('CaseClosed', { caseId: 'LC-1' });
          return { body: e, ids: [e.eventId] };
        },
        400,
        'VALIDATION_FAILED',
        ['/type'],
      ],
      [
        'an impossible date',
        () => {
          const e = { ...valid(), occurredAt: '2024-02-30T08:00:00+07:00' };
          return { body: e, ids: [e.eventId] };
        },
        400,
        'VALIDATION_FAILED',
        ['/occurredAt'],
      ],
      [
        'an id with forbidden characters',
        () => {
          const e = envelope('CaseCleared', { caseId: 'LC 2024/1' });
          return { body: e, ids: [e.eventId] };
        },
        400,
        'VALIDATION_FAILED',
        ['/data/caseId'],
      ],
      [
        'one bad event in a batch',
        () => {
          const good = valid();
          const bad = { ...valid(), occurredAt: 'yesterday' };
          return { body: [good, bad], ids: [good.eventId, bad.eventId] };
        },
        400,
        'VALIDATION_FAILED',
        ['/1/occurredAt'],
      ],
      [
        'a duplicated eventId inside one batch',
        () => {
          const e = valid();
          return { body: [e, { ...e }], ids: [e.eventId] };
        },
        400,
        'DUPLICATE_EVENT_ID',
        ['/1/eventId'],
      ],
      [
        'more than 1,000 events',
        () => {
          const events = Array.from({ length: 1001 }, valid);
          return { body: events, ids: [events[0]!.eventId] };
        },
        400,
        'TOO_MANY_EVENTS',
        [''],
      ],
      ['an empty array', () => ({ body: [], ids: [] }), 400, 'EMPTY_BATCH', ['']],
      // CONTRACT §2 (1.1): values outside the bounds are refused at the door, so nothing stored can stop a projection.
      [
        'NUL in a free-text field and a lone surrogate in metadata',
        () => {
          const e = {
            ...envelope('HotspotIdentified', {
              hotspotId: 'HS-1',
              unitId: tree.commune,
              kind: 'drug_hotspot',
              name: 'Km\u00007',
            }),
            metadata: { correlationId: 'corr-\uD800' },
          };
          return { body: e, ids: [e.eventId] };
        },
        400,
        'VALIDATION_FAILED',
        ['/data/name', '/metadata/correlationId'],
      ],
      [
        'a count of 2^53 − 1, deaths of 2^31 and a reading of 1e308',
        () => {
          const events = [
            envelope('WeaponsCollected', { unitId: tree.commune, items: Number.MAX_SAFE_INTEGER, kind: 'firearm' }),
            envelope('IncidentRecorded', { unitId: tree.commune, kind: 'fire_explosion', deaths: 2 ** 31, injuries: 0 }),
            envelope('IndicatorMeasured', { unitId: tree.commune, indicator: 'eid.level2.issued', value: 1e308 }),
          ];
          return { body: events, ids: events.map((e) => e.eventId) };
        },
        400,
        'VALIDATION_FAILED',
        ['/0/data/items', '/1/data/deaths', '/2/data/value'],
      ],
      [
        'occurredAt in year 0000, in 9999 with an offset of +23:59, and 25 hours ahead',
        () => {
          const ahead = new Date(Date.now() + 25 * 3600 * 1000).toISOString();
          const events = ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59+23:59', ahead].map((occurredAt) => ({
            ...valid(),
            occurredAt,
          }));
          return { body: events, ids: events.map((e) => e.eventId) };
        },
        400,
        'VALIDATION_FAILED',
        ['/0/occurredAt', '/1/occurredAt', '/2/occurredAt'],
      ],
      [
        'a target period 0000–9999 worth 1e308',
        () => {
          const e = envelope('TargetSet', {
            directiveId: 'SC-1',
            targetId: 'T-1',
            unitId: tree.commune,
            metric: 'cases.opened',
            comparator: 'atLeast',
            value: 1e308,
            periodStart: '0000-01-01',
            periodEnd: '9999-12-31',
          });
          return { body: e, ids: [e.eventId] };
        },
        400,
        'VALIDATION_FAILED',
        ['/data/value', '/data/periodStart', '/data/periodEnd'],
      ],
      ['a JSON scalar', () => ({ body: '42', ids: [] }), 400, 'VALIDATION_FAILED', ['']],
    ];

    it.each(cases)('%s', async (_name, make, status, code, paths) => {
      const { body, ids } = make();
      const answer = await post(body, operator);
      expect(answer.status).toBe(status);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.body.code).toBe(code);
      expect((answer.body.problems ?? []).map((problem: { path: string }) => problem.path)).toEqual(paths);
      expect(await storedCount(ids)).toBe(0);
    });

    it('a body over the size limit: 413', async () => {
      const huge = {
        ...valid(),
        data: { unitId: tree.commune, items: 1, kind: 'homemade', padding: 'x'.repeat(6 * 1024 * 1024) },
      };
      const answer = await post(huge, operator);
      expect([answer.status, answer.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(await storedCount([huge.eventId])).toBe(0);
    });
  });
});
