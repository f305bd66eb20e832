import { randomUUID } from 'node:crypto';
import { issueToken } from '@vigil/platform';
import pg from 'pg';
import { envelope, fresh } from './support/events';
import { freePort } from './support/fresh-broker';
import { prepareDatabase, type ServiceProcess, startServiceProcess } from './support/service-process';
import { eventually } from './support/vigil-under-test';

interface Answer {
  status: number;
  retryAfter: string | null;
  code?: string;
  results?: { eventId: string; status: string }[];
}

// Issue 17, database faults: the all-in-one service as its own process, its PostgreSQL backends
// terminated again and again while clients post events, then its database closed to connections
// for a while. The process stays alive; every answer is 200 or 503 DATABASE_UNAVAILABLE with
// Retry-After, never 500; readiness says the database is why; once the database is back (no
// restart) every event posted is stored once and counted in the figures.
describe('the service while its database connections are terminated', () => {
  const databaseUrl = `${process.env.DATABASE_URL}_dbfaults_${randomUUID().slice(0, 8)}`;
  const database = new URL(databaseUrl).pathname.slice(1);
  const adminUrl = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: '/postgres' }).toString();
  const admin = new pg.Client({ connectionString: adminUrl });
  let service: ServiceProcess;
  let operator: string;
  const ministry = fresh('VN');
  const province = `${ministry}-P`;
  const communes = [1, 2, 3].map((n) => `${province}-C${n}`);

  const post = async (body: unknown): Promise<Answer> => {
    const response = await fetch(`${service.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { code?: string; results?: Answer['results'] };
    return { status: response.status, retryAfter: response.headers.get('retry-after'), code: json.code, results: json.results };
  };
  const terminateBackends = () =>
    admin.query('SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
      database,
    ]);
  const allowConnections = (allowed: boolean) =>
    admin.query(`ALTER DATABASE ${pg.escapeIdentifier(database)} WITH ALLOW_CONNECTIONS ${allowed}`);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    prepareDatabase(databaseUrl);
    await admin.connect();
    service = await startServiceProcess(
      {
        DATABASE_URL: databaseUrl,
        VIGIL_NAMESPACE: `test-${randomUUID().slice(0, 8)}`,
        VIGIL_METRICS_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      },
      await freePort(),
    );
    operator = await issueToken(process.env.VIGIL_JWT_SECRET!, { role: 'operator', unit: ministry }, 600);
    const tree = await post([
      envelope('UnitRegistered', { unitId: ministry, name: 'Ministry', level: 'ministry', parentUnitId: null }),
      envelope('UnitRegistered', { unitId: province, name: 'Province', level: 'province', parentUnitId: ministry }),
      ...communes.map((unitId) => envelope('UnitRegistered', { unitId, name: unitId, level: 'commune', parentUnitId: province })),
    ]);
    expect(tree.status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await allowConnections(true).catch(() => undefined);
    await service?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  });

  it('stays alive, answers 503 with Retry-After while the database is gone, and stores and counts everything once it is back', async () => {
    const posted = new Map<string, ReturnType<typeof envelope>>();
    const answers: Answer[] = [];
    let writing = true;
    const writer = async (index: number) => {
      for (let batch = 0; writing; batch += 1) {
        const events = [0, 1, 2, 3].map(() =>
          envelope('CaseOpened', {
            caseId: fresh(`W${index}`),
            unitId: communes[(index + batch) % communes.length],
            category: 'drugs',
            severity: 'serious',
          }),
        );
        for (const event of events) posted.set(event.eventId, event);
        answers.push(await post(events).catch((error: Error) => ({ status: 0, retryAfter: null, code: error.message })));
        await sleep(20);
      }
    };
    // An analyst reading the figures meanwhile.
    const analyst = await issueToken(process.env.VIGIL_JWT_SECRET!, { role: 'analyst', unit: ministry }, 600);
    const stats = () =>
      fetch(`${service.url}/v1/units/${province}/stats?from=2024-01-01&to=2024-12-31`, {
        headers: { authorization: `Bearer ${analyst}` },
      });
    // The tree is in the figures before anything fails.
    await eventually(async () => ((await stats()).status === 200 ? true : undefined), 30_000);
    const reads: Answer[] = [];
    const reader = async () => {
      while (writing) {
        const response = await stats().catch(() => null);
        const body = response ? ((await response.json()) as { code?: string }) : {};
        reads.push({ status: response?.status ?? 0, retryAfter: response?.headers.get('retry-after') ?? null, code: body.code });
        await sleep(50);
      }
    };
    const clients = [0, 1, 2, 3].map(writer).concat(reader());

    // Backends terminated every 300 ms for 4 s (the relay's lock, LISTEN, the pool's clients mid-transaction)…
    let terminated = 0;
    for (const started = Date.now(); Date.now() - started < 4_000;) {
      terminated += Number((await terminateBackends()).rows[0].count);
      await sleep(300);
    }
    // …then the database closed to connections for 3 s: readiness says why.
    await allowConnections(false);
    await terminateBackends();
    const outage = await eventually(async () => {
      const response = await fetch(`${service.url}/health/ready`);
      const report = (await response.json()) as { checks: Record<string, { status: string; reason?: string }> };
      // The first reports may still name the terminated connections (57P01); then the closed database.
      const closed = /^PostgreSQL: .*not currently accepting connections/.test(report.checks.readDatabase?.reason ?? '');
      return response.status === 503 && report.checks.readDatabase?.status === 'down' && closed ? report : undefined;
    }, 10_000);
    await sleep(3_000);
    await allowConnections(true);
    await sleep(1_000);
    writing = false;
    await Promise.all(clients);

    expect(terminated).toBeGreaterThan(0);
    expect(outage.checks.readDatabase!.reason).toMatch(/^PostgreSQL: .*not currently accepting connections/);
    // Never a 500: 200, or 503 DATABASE_UNAVAILABLE with Retry-After.
    const shapes = new Set(answers.map((a) => (a.status === 200 ? '200' : `${a.status} ${a.code} retry-after=${a.retryAfter}`)));
    expect([...shapes].sort()).toEqual(['200', '503 DATABASE_UNAVAILABLE retry-after=2']);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(10);
    const readShapes = new Set(
      reads.map((a) => (a.status === 200 ? '200' : `${a.status} ${a.code} retry-after=${a.retryAfter}`)),
    );
    expect([...readShapes].sort()).toEqual(['200', '503 DATABASE_UNAVAILABLE retry-after=2']);

    // Still alive and ready again without a restart.
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    await eventually(async () => ((await fetch(`${service.url}/health/ready`)).status === 200 ? true : undefined), 60_000);
    expect(service.stderr()).not.toMatch(/Unhandled 'error' event|uncaught/i);

    // What was acknowledged is stored; what was answered 503 is posted again, as the problem says.
    const acknowledged = answers.flatMap((a) => (a.status === 200 ? a.results!.filter((r) => r.status === 'appended') : []));
    const pool = new pg.Client({ connectionString: databaseUrl });
    await pool.connect();
    const stored = await pool.query<{ event_id: string }>('SELECT event_id FROM events WHERE event_id = ANY($1::uuid[])', [
      acknowledged.map((r) => r.eventId),
    ]);
    expect(stored.rows.length).toBe(acknowledged.length);
    const unanswered = [...posted.keys()].filter((id) => !acknowledged.some((r) => r.eventId === id));
    for (let i = 0; i < unanswered.length; i += 100) {
      const again = await post(unanswered.slice(i, i + 100).map((id) => posted.get(id)));
      expect(again.status).toBe(200);
      expect(again.results!.every((r) => r.status === 'appended' || r.status === 'duplicate')).toBe(true);
    }
    const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM events WHERE event_id = ANY($1::uuid[])', [
      [...posted.keys()],
    ]);
    await pool.end();
    expect(Number(rows[0]!.count)).toBe(posted.size);

    // The figures count each event once.
    const casesOpened = async () => ((await (await stats()).json()) as { casesOpened: number }).casesOpened;
    await eventually(async () => ((await casesOpened()) === posted.size ? true : undefined), 60_000).catch(() => undefined);
    expect(await casesOpened()).toBe(posted.size);
  }, 180_000);
});
