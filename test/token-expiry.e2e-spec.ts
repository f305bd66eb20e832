import { SignJWT } from 'jose';
import { Pool } from 'pg';
import { envelope, fresh } from './support/events';
import { postJson } from './support/http';
import { type VigilUnderTest, startVigilUnderTest } from './support/vigil-under-test';

// CONTRACT.md §5: every token says when it expires. One without `exp` would be valid for ever: it is
// refused like any other bad token, 401 with problem details and a Bearer challenge.
describe('a token without exp', () => {
  let vigil: VigilUnderTest;
  let pool: Pool;

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    pool = new Pool({ connectionString: vigil.config.DATABASE_URL, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await vigil.close();
  });

  const withoutExp = (role: string) =>
    new SignJWT({ role, unit: 'VN' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setSubject('jest')
      .sign(new TextEncoder().encode(vigil.config.VIGIL_JWT_SECRET));

  it('is refused with 401 problem details and WWW-Authenticate, on reads and writes alike, storing nothing', async () => {
    const read = await fetch(`${vigil.url}/v1/directives`, {
      headers: { authorization: `Bearer ${await withoutExp('analyst')}` },
    });
    expect(read.status).toBe(401);
    expect(read.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(read.headers.get('www-authenticate')).toBe('Bearer realm="vigil", error="invalid_token"');
    expect(await read.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', detail: expect.stringContaining('exp') });

    const unitId = fresh('VN');
    const event = envelope('UnitRegistered', { unitId, name: 'Ministry', level: 'ministry', parentUnitId: null });
    const write = await postJson(`${vigil.url}/v1/events`, event, await withoutExp('operator'));
    expect([write.status, write.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const stored = await pool.query('SELECT 1 FROM events WHERE event_id = $1', [event.eventId]);
    expect(stored.rowCount).toBe(0);

    // The same claims with an expiry are taken.
    const withExp = await postJson(`${vigil.url}/v1/events`, event, await vigil.token('operator'));
    expect(withExp.body.results[0].status).toBe('appended');
  });
});
