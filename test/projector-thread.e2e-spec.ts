import { randomUUID } from 'node:crypto';
import { issueToken } from '@vigil/platform';
import pg from 'pg';
import { envelope, fresh, smallTree } from './support/events';
import { freePort } from './support/fresh-broker';
import { prepareDatabase, type ServiceProcess, startServiceProcess } from './support/service-process';
import { eventually } from './support/vigil-under-test';

// The all-in-one process as `npm start` runs it: its projections on a worker thread of their own
// (VIGIL_PROJECTOR_THREAD=worker, the default), the requests on the main thread. The figures move,
// readiness and the metrics port report the thread's projections, and it stops cleanly.
describe('the all-in-one process with its projector thread', () => {
  const databaseUrl = `${process.env.DATABASE_URL}_thread_${randomUUID().slice(0, 8)}`;
  let service: ServiceProcess;
  let metricsPort: number;
  let token: string;
  const tree = smallTree();

  const get = async (path: string) => {
    const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    prepareDatabase(databaseUrl);
    metricsPort = await freePort();
    service = await startServiceProcess(
      {
        DATABASE_URL: databaseUrl,
        VIGIL_NAMESPACE: `thread-${randomUUID().slice(0, 8)}`,
        VIGIL_METRICS_PORT: String(metricsPort),
        VIGIL_PROJECTOR_THREAD: 'worker',
      },
      await freePort(),
    );
    token = await issueToken(process.env.VIGIL_JWT_SECRET!, { role: 'operator', unit: tree.ministry }, 600);
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(new URL(databaseUrl).pathname.slice(1))} WITH (FORCE)`);
    await admin.end();
  });

  it('is ready with the thread reporting every projection up', async () => {
    const { status, body } = await get('/health/ready');
    expect(status).toBe(200);
    expect(body.checks.projector.status).toBe('up');
    expect(Object.keys(body.checks.projector.details).sort()).toEqual(['cases', 'figures', 'hotspots', 'units']);
  });

  it('projects what it is posted: the figures count the cases', async () => {
    const caseIds = [fresh('LC'), fresh('LC'), fresh('LC')];
    const events = [
      ...tree.events,
      ...caseIds.map((caseId) =>
        envelope('CaseOpened', { caseId, unitId: tree.commune, category: 'drugs', severity: 'serious' }),
      ),
      envelope('CaseCleared', { caseId: caseIds[0] }, '2024-03-02T08:00:00+07:00'),
    ];
    const posted = await fetch(`${service.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    expect(posted.status).toBe(200);

    const stats = await eventually(async () => {
      const { status, body } = await get(`/v1/units/${tree.province}/stats?from=2024-01-01&to=2024-12-31`);
      return status === 200 && body.casesCleared === 1 ? body : undefined;
    }, 60_000);
    expect([stats.casesOpened, stats.casesCleared]).toEqual([3, 1]);
  });

  it('serves the thread’s projection metrics beside the process’s own on the metrics port', async () => {
    // The thread reports every second.
    const metrics = await eventually(async () => {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      return /^vigil_projection_applied_total\{projection="figures"\} [1-9]\d*$/m.test(text) ? text : undefined;
    }, 10_000);
    expect(metrics).toMatch(/^vigil_projection_applied_total\{projection="units"\} 3$/m);
    expect(metrics).toMatch(/^process_cpu_seconds_total \d/m);
    // One family each: the thread's process-wide metrics are left to the main thread.
    expect(metrics.match(/^# TYPE process_cpu_seconds_total /gm)).toHaveLength(1);
  });

  it('stops on SIGTERM with its thread', async () => {
    expect(['SIGTERM', 0]).toContain(await service.stop());
    expect(service.stderr()).not.toMatch(/Error/);
  });
});
