import { MetricsServer } from '@vigil/platform';
import { envelope, fresh } from './support/events';
import { type VigilUnderTest, startVigilUnderTest } from './support/vigil-under-test';

// Issue 16, item 7: the answers HTTP clients and their libraries expect (RFC 9110, RFC 6750),
// and item 5: the request id a caller can follow through the logs.
describe('the HTTP conventions of the API', () => {
  let vigil: VigilUnderTest;
  let operator: string;

  beforeAll(async () => {
    vigil = await startVigilUnderTest();
    operator = await vigil.token('operator');
  });
  afterAll(() => vigil.close());

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${vigil.url}/v1/events`, { method: 'POST', body, headers: { authorization: `Bearer ${operator}`, ...headers } });

  it('answers 415 with problem details to a body that is not JSON, storing nothing', async () => {
    const unit = fresh('VN');
    const event = JSON.stringify(envelope('UnitRegistered', { unitId: unit, name: 'M', level: 'ministry', parentUnitId: null }));
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await post(event, { 'content-type': contentType });
      expect(response.status).toBe(415);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', instance: '/v1/events' });
    }
    // The same bytes as JSON are taken: nothing above was stored, so this one is appended, not a duplicate.
    const accepted = await post(event, { 'content-type': 'application/json; charset=utf-8' });
    expect(((await accepted.json()) as { results: { status: string }[] }).results[0]!.status).toBe('appended');
  });

  it('still answers 400 to an empty or malformed JSON body', async () => {
    const empty = await fetch(`${vigil.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${operator}` } });
    expect(empty.status).toBe(400);
    const malformed = await post('{"eventId":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  it('answers 405 with Allow to a method a known path does not take, 404 to an unknown path', async () => {
    const deleted = await fetch(`${vigil.url}/v1/events`, { method: 'DELETE' });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get('allow')).toBe('POST');
    expect(await deleted.json()).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', instance: '/v1/events' });

    const posted = await fetch(`${vigil.url}/v1/units/VN/stats`, { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');

    const unknown = await fetch(`${vigil.url}/v1/nowhere`, { method: 'DELETE' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('allow')).toBeNull();
  });

  it('challenges with WWW-Authenticate: Bearer on a 401, naming a refused token invalid_token', async () => {
    const missing = await fetch(`${vigil.url}/v1/directives`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="vigil"');

    const refused = await fetch(`${vigil.url}/v1/directives`, { headers: { authorization: 'Bearer not-a-jwt' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="vigil", error="invalid_token"');
    expect(await refused.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('echoes the caller’s X-Request-Id, gives one to a request without (or with an unusable one)', async () => {
    const given = await fetch(`${vigil.url}/health/live`, { headers: { 'x-request-id': 'caller-id-42' } });
    expect(given.headers.get('x-request-id')).toBe('caller-id-42');

    const generated = await fetch(`${vigil.url}/v1/nowhere`);
    const other = await fetch(`${vigil.url}/v1/nowhere`, { headers: { 'x-request-id': 'bad id with spaces' } });
    for (const response of [generated, other]) {
      expect(response.headers.get('x-request-id')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    expect(generated.headers.get('x-request-id')).not.toBe(other.headers.get('x-request-id'));
  });

  it('measures every request by method, route template and status, never by raw path', async () => {
    const unit = fresh('VN');
    const analyst = await vigil.token('analyst', unit);
    await fetch(`${vigil.url}/v1/units/${unit}/stats?from=2024-01-01&to=2024-01-31`, {
      headers: { authorization: `Bearer ${analyst}` },
    });
    await fetch(`${vigil.url}/v1/nowhere/${unit}`);

    const metrics = await (await fetch(`http://127.0.0.1:${vigil.app.get(MetricsServer).port}/metrics`)).text();
    const counts = metrics.split('\n').filter((line) => line.startsWith('http_server_request_duration_seconds_count'));
    expect(counts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /\{http_request_method="GET",http_response_status_code="\d{3}",http_route="\/v1\/units\/:unitId\/stats"\} 1$/,
        ),
        expect.stringMatching(/\{http_request_method="DELETE",http_response_status_code="405"\} 1$/),
        expect.stringMatching(/\{http_request_method="POST",http_response_status_code="415"\} 3$/),
      ]),
    );
    expect(counts.filter((line) => line.includes(unit))).toEqual([]);
    expect(metrics).toMatch(/^http_server_request_duration_seconds_bucket\{.*le="0\.005"/m);
  });
});
