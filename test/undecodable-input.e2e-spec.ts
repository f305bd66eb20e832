import { brotliCompressSync, deflateSync, gzipSync, zstdCompressSync } from 'node:zlib';
import { ENDPOINTS } from '@vigil/contract';
import { Pool } from 'pg';
import { envelope, fresh } from './support/events';
import { type VigilUnderTest, startVigilUnderTest } from './support/vigil-under-test';

// Issue 17, fuzz findings: what cannot be decoded at the door — a compressed body of garbage or cut
// short, bytes that are not UTF-8, `%00` in a path segment, a date PostgreSQL cannot hold in a query
// parameter — is a 400 problem detail naming what is wrong, never a 5xx, and nothing is stored.
describe('input the door cannot decode', () => {
  let vigil: VigilUnderTest;
  let pool: Pool;
  let operator: string;

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    pool = new Pool({ connectionString: vigil.config.DATABASE_URL, max: 1 });
    operator = await vigil.token('operator');
  });
  afterAll(async () => {
    await pool.end();
    await vigil.close();
  });

  const stored = async (eventId: string) =>
    Number((await pool.query('SELECT count(*) FROM events WHERE event_id = $1', [eventId])).rows[0].count);

  const postBytes = (body: Buffer, headers: Record<string, string> = {}) =>
    fetch(`${vigil.url}/v1/events`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', ...headers },
    });

  const unitEvent = () =>
    envelope('UnitRegistered', { unitId: fresh('VN'), name: 'Bộ Công an', level: 'ministry', parentUnitId: null });

  describe('a compressed body of garbage or cut short', () => {
    const garbage = Buffer.from('this was never compressed, it is garbage');
    const compressions: [string, (bytes: Buffer) => Buffer][] = [
      ['gzip', (bytes) => gzipSync(bytes)],
      ['deflate', (bytes) => deflateSync(bytes)],
      ['br', (bytes) => brotliCompressSync(bytes)],
      ['zstd', (bytes) => zstdCompressSync(bytes)],
    ];
    const cases = compressions.flatMap(([encoding, compress]): [string, string, (event: Buffer) => Buffer][] => [
      [`${encoding} of garbage`, encoding, () => garbage],
      [`${encoding} cut short`, encoding, (event) => compress(event).subarray(0, Math.floor(compress(event).length / 2))],
    ]);

    it.each(cases)('%s is 400 MALFORMED_JSON naming the encoding, nothing stored', async (_name, encoding, body) => {
      const event = unitEvent();
      const response = await postBytes(body(Buffer.from(JSON.stringify(event))), { 'content-encoding': encoding });

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({
        status: 400,
        code: 'MALFORMED_JSON',
        detail: expect.stringContaining(`Content-Encoding ${encoding}`),
        instance: '/v1/events',
      });
      expect(await stored(event.eventId)).toBe(0);
    });

    it('still takes the same event well compressed', async () => {
      const event = unitEvent();
      const response = await postBytes(gzipSync(JSON.stringify(event)), { 'content-encoding': 'gzip' });
      expect(response.status).toBe(200);
      expect(await stored(event.eventId)).toBe(1);
    });
  });

  describe('bytes that are not UTF-8', () => {
    // Read leniently, each of these became U+FFFD in a stored name; JSON is UTF-8 (RFC 8259 §8.1).
    it.each([
      ['a stray continuation byte', [0xff]],
      ['an overlong NUL', [0xc0, 0x80]],
      ['a lone surrogate encoded as bytes (CESU-8)', [0xed, 0xa0, 0x80]],
      ['a sequence cut short', [0xe1, 0xbb]],
    ])('%s in a name is 400 MALFORMED_JSON, nothing stored', async (_name, bytes) => {
      const event = unitEvent();
      const [before, after] = JSON.stringify(event).split('Bộ Công an') as [string, string];
      const body = Buffer.concat([Buffer.from(before), Buffer.from('Bộ'), Buffer.from(bytes), Buffer.from(after)]);

      const response = await postBytes(body);

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'MALFORMED_JSON',
        detail: 'The body cannot be decoded: it is not valid UTF-8.',
      });
      expect(await stored(event.eventId)).toBe(0);
    });
  });

  const get = async (path: string) => {
    const response = await fetch(`${vigil.url}${path}`, { headers: { authorization: `Bearer ${operator}` } });
    return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as any };
  };

  const queryEndpoints = ENDPOINTS.filter((endpoint) => endpoint.method === 'get' && endpoint.audience === 'analyst');
  /** Values for the parameters an endpoint requires, so that only the one under test is wrong. */
  const REQUIRED: Record<string, string> = { figure: 'casesOpened', grain: 'month', from: '2024-01-01', to: '2024-12-31' };
  const pathOf = (template: string, values: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (_all, name: string) => values[name] ?? 'VN');
  const requiredQuery = (endpoint: (typeof queryEndpoints)[number]) =>
    Object.keys(endpoint.query?.shape ?? {}).filter(
      (name) => REQUIRED[name] !== undefined && !endpoint.query!.shape[name]!.safeParse(undefined).success,
    );

  describe('a path segment that is not an identifier', () => {
    const cases = queryEndpoints.flatMap((endpoint) =>
      Object.keys(endpoint.pathParameters?.shape ?? {}).flatMap((parameter) =>
        ['%00', 'VN%00', '%F0%9F%98%80'].map((segment): [string, string, string, string] => {
          const query = requiredQuery(endpoint)
            .map((name) => `${name}=${REQUIRED[name]}`)
            .join('&');
          const path = pathOf(endpoint.path, { [parameter]: segment });
          return [`${endpoint.operationId} ${parameter}=${segment}`, `${path}${query ? `?${query}` : ''}`, parameter, segment];
        }),
      ),
    );

    it('covers every path parameter of the query API', () => {
      expect(new Set(cases.map(([name]) => name.split(' ')[0]))).toEqual(
        new Set([
          'getDirective',
          'getDirectiveProgress',
          'getTargetEvidence',
          'getUnit',
          'getUnitStats',
          'compareUnit',
          'getUnitSeries',
        ]),
      );
    });

    it.each(cases)('%s is 400 naming the parameter', async (_name, path, parameter) => {
      const answer = await get(path);
      expect(answer.status).toBe(400);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', problems: [expect.objectContaining({ path: parameter })] });
    });

    it.each(['%ED%A0%80', '%C0%80', '%FF', '%'])('the undecodable segment %s is 400, not a 5xx', async (segment) => {
      const answer = await get(`/v1/units/${segment}/stats`);
      expect(answer.status).toBe(400);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
    });
  });

  describe('a date query parameter PostgreSQL could not take', () => {
    const DATE_PARAMETERS = ['from', 'to', 'at', 'asOf'];
    const cases = queryEndpoints.flatMap((endpoint) =>
      Object.keys(endpoint.query?.shape ?? {})
        .filter((name) => DATE_PARAMETERS.includes(name))
        .flatMap((parameter) =>
          ['0000-01-01', '9999-12-31', '1989-12-31', '2101-01-01', '0000-01-01T00:00:00Z', '275760-09-13'].map(
            (value): [string, string, string] => {
              const query = new URLSearchParams({
                ...Object.fromEntries(requiredQuery(endpoint).map((name) => [name, REQUIRED[name]!])),
                [parameter]: value,
              });
              return [`${endpoint.operationId} ${parameter}=${value}`, `${pathOf(endpoint.path, {})}?${query}`, parameter];
            },
          ),
        ),
    );

    it('covers from, to, at and asOf wherever they are taken', () => {
      expect(new Set(cases.map(([name]) => name.split(' ')[1]!.split('=')[0]))).toEqual(new Set(DATE_PARAMETERS));
    });

    it.each(cases)('%s is 400 naming the parameter', async (_name, path, parameter) => {
      const answer = await get(path);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(answer.body.problems.map((problem: { path: string }) => problem.path)).toContain(parameter);
    });
  });
});
